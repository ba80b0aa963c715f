-- 021: several schedulers on one database. One leads through the lease row (holder, epoch, expiry), renewed about
-- every second; a standby takes it over once it has expired, with the epoch one higher. Members say they are alive.
CREATE TABLE cluster_lease (
    name        VARCHAR(64)    NOT NULL CONSTRAINT pk_cluster_lease PRIMARY KEY,
    holder      NVARCHAR(200)  NULL,
    epoch       BIGINT         NOT NULL,
    acquired_at BIGINT         NOT NULL,
    renewed_at  BIGINT         NOT NULL,
    expires_at  BIGINT         NOT NULL
);
GO

INSERT INTO cluster_lease (name, holder, epoch, acquired_at, renewed_at, expires_at) VALUES ('scheduler', NULL, 0, 0, 0, 0);
GO

CREATE TABLE cluster_members (
    member_id   NVARCHAR(200)  NOT NULL CONSTRAINT pk_cluster_members PRIMARY KEY,
    host        NVARCHAR(256)  NOT NULL,
    url         NVARCHAR(512)  NULL,
    started_at  BIGINT         NOT NULL,
    last_seen   BIGINT         NOT NULL
);
GO
