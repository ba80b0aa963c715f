-- 011: API tokens (only their SHA-256 hashes are stored) and the append-only audit trail.
CREATE TABLE api_tokens (
    id          VARCHAR(32)   NOT NULL PRIMARY KEY,
    name        VARCHAR(128)  NOT NULL,
    token_hash  VARCHAR(64)   NOT NULL UNIQUE,
    role        VARCHAR(16)   NOT NULL,
    owners      VARCHAR(2000) NULL,
    hosts       VARCHAR(2000) NULL,
    created_at  BIGINT        NOT NULL,
    created_by  VARCHAR(200)  NOT NULL,
    expires_at  BIGINT        NULL,
    revoked_at  BIGINT        NULL
);
CREATE INDEX ix_api_tokens_name ON api_tokens (name);

-- Append-only: the product only ever inserts here. An identity column: ids are never reused.
CREATE TABLE audit_log (
    id              BIGINT        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at              BIGINT        NOT NULL,
    who             VARCHAR(200)  NOT NULL,
    source          VARCHAR(200)  NOT NULL,
    action          VARCHAR(100)  NOT NULL,
    target          VARCHAR(300)  NOT NULL,
    before_version  BIGINT        NULL,
    after_version   BIGINT        NULL,
    outcome         INTEGER       NOT NULL,
    detail          VARCHAR(2000) NULL
);
CREATE INDEX ix_audit_log_at ON audit_log (at);
