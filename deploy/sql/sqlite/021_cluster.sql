-- 021: several schedulers on one database. One leads through the lease row (holder, epoch, expiry), renewed about
-- every second; a standby takes it over once it has expired, with the epoch one higher. Members say they are alive.
CREATE TABLE cluster_lease (
    name        VARCHAR(64)  NOT NULL PRIMARY KEY,
    holder      VARCHAR(200) NULL,
    epoch       INTEGER NOT NULL,
    acquired_at INTEGER NOT NULL,
    renewed_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL
);
INSERT INTO cluster_lease (name, holder, epoch, acquired_at, renewed_at, expires_at) VALUES ('scheduler', NULL, 0, 0, 0, 0);

CREATE TABLE cluster_members (
    member_id   VARCHAR(200) NOT NULL PRIMARY KEY,
    host        VARCHAR(256) NOT NULL,
    url         VARCHAR(512) NULL,
    started_at  INTEGER NOT NULL,
    last_seen   INTEGER NOT NULL
);
