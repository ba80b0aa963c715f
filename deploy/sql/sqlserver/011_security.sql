-- 011: API tokens (only their SHA-256 hashes are stored) and the append-only audit trail.
CREATE TABLE api_tokens (
    id          VARCHAR(32)   NOT NULL PRIMARY KEY,
    name        NVARCHAR(128)  NOT NULL,
    token_hash  VARCHAR(64)   NOT NULL UNIQUE,
    role        VARCHAR(16)   NOT NULL,
    owners      NVARCHAR(2000) NULL,
    hosts       NVARCHAR(2000) NULL,
    created_at  BIGINT        NOT NULL,
    created_by  NVARCHAR(200)  NOT NULL,
    expires_at  BIGINT        NULL,
    revoked_at  BIGINT        NULL
);
GO

CREATE INDEX ix_api_tokens_name ON api_tokens (name);
GO

-- Append-only: the product only ever inserts here. An identity column: ids are never reused.
CREATE TABLE audit_log (
    id              BIGINT        IDENTITY(1,1) PRIMARY KEY,
    at              BIGINT        NOT NULL,
    who             NVARCHAR(200)  NOT NULL,
    source          NVARCHAR(200)  NOT NULL,
    action          NVARCHAR(100)  NOT NULL,
    target          NVARCHAR(300)  NOT NULL,
    before_version  BIGINT        NULL,
    after_version   BIGINT        NULL,
    outcome         INT           NOT NULL,
    detail          NVARCHAR(2000) NULL
);
GO

CREATE INDEX ix_audit_log_at ON audit_log (at);
GO
