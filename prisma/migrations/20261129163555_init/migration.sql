-- CreateTable
CREATE TABLE "Company" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "siren" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Establishment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "siret" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "city" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Establishment_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "failedLoginCount" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "CorrespondentScope" (
    "userId" TEXT NOT NULL,
    "establishmentId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("userId", "establishmentId"),
    CONSTRAINT "CorrespondentScope_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CorrespondentScope_establishmentId_fkey" FOREIGN KEY ("establishmentId") REFERENCES "Establishment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AttachmentRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "establishmentId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "message" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" DATETIME,
    "decidedById" TEXT,
    CONSTRAINT "AttachmentRequest_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AttachmentRequest_establishmentId_fkey" FOREIGN KEY ("establishmentId") REFERENCES "Establishment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ApiAccount" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "identifiant" TEXT NOT NULL,
    "identifiantKey" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "establishmentId" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "passwordChangedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,
    "statusLevel" TEXT NOT NULL DEFAULT 'red',
    CONSTRAINT "ApiAccount_establishmentId_fkey" FOREIGN KEY ("establishmentId") REFERENCES "Establishment" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Api" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "contactEmail" TEXT NOT NULL,
    "pathPrefix" TEXT NOT NULL,
    "urlDelaySeconds" INTEGER NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ApiField" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "apiId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "required" BOOLEAN NOT NULL DEFAULT true,
    "help" TEXT,
    "position" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "ApiField_apiId_fkey" FOREIGN KEY ("apiId") REFERENCES "Api" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "HabilitationRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "apiAccountId" TEXT NOT NULL,
    "siret" TEXT NOT NULL,
    "identifiant" TEXT NOT NULL,
    "authorId" TEXT,
    "message" TEXT,
    "status" TEXT NOT NULL DEFAULT 'SUBMITTED',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" DATETIME,
    "withdrawnAt" DATETIME,
    CONSTRAINT "HabilitationRequest_apiAccountId_fkey" FOREIGN KEY ("apiAccountId") REFERENCES "ApiAccount" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "HabilitationRequestItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "requestId" TEXT NOT NULL,
    "apiId" TEXT NOT NULL,
    "decision" TEXT NOT NULL DEFAULT 'PENDING',
    "reason" TEXT,
    "decidedAt" DATETIME,
    "decidedById" TEXT,
    CONSTRAINT "HabilitationRequestItem_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "HabilitationRequest" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "HabilitationRequestItem_apiId_fkey" FOREIGN KEY ("apiId") REFERENCES "Api" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Habilitation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "apiAccountId" TEXT NOT NULL,
    "apiId" TEXT NOT NULL,
    "grantedAt" DATETIME NOT NULL,
    "grantedById" TEXT,
    "revokedAt" DATETIME,
    "revokedById" TEXT,
    "revokedReason" TEXT,
    CONSTRAINT "Habilitation_apiAccountId_fkey" FOREIGN KEY ("apiAccountId") REFERENCES "ApiAccount" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Habilitation_apiId_fkey" FOREIGN KEY ("apiId") REFERENCES "Api" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ApiFieldValue" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "apiAccountId" TEXT NOT NULL,
    "apiId" TEXT NOT NULL,
    "fieldKey" TEXT NOT NULL,
    "value" TEXT,
    "secretCipher" TEXT,
    "pendingValue" TEXT,
    "pendingRequestedAt" DATETIME,
    "pendingEffectiveAt" DATETIME,
    "effectiveNotifiedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    "updatedById" TEXT,
    CONSTRAINT "ApiFieldValue_apiAccountId_fkey" FOREIGN KEY ("apiAccountId") REFERENCES "ApiAccount" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "kind" TEXT NOT NULL,
    "recipients" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "siret" TEXT,
    "apiAccountId" TEXT,
    "sentAt" DATETIME,
    "sendError" TEXT
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorEmail" TEXT,
    "action" TEXT NOT NULL,
    "apiAccountId" TEXT,
    "siret" TEXT,
    "details" TEXT
);

-- CreateTable
CREATE TABLE "OAuthToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tokenHash" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "apiAccountId" TEXT NOT NULL,
    "issuedAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "authTime" DATETIME NOT NULL,
    "revokedAt" DATETIME,
    "usedAt" DATETIME,
    CONSTRAINT "OAuthToken_apiAccountId_fkey" FOREIGN KEY ("apiAccountId") REFERENCES "ApiAccount" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SigningKey" (
    "kid" TEXT NOT NULL PRIMARY KEY,
    "alg" TEXT NOT NULL,
    "publicJwk" TEXT NOT NULL,
    "privateCipher" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "retiredAt" DATETIME
);

-- CreateTable
CREATE TABLE "CallbackAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "apiAccountId" TEXT NOT NULL,
    "apiCode" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "actorId" TEXT,
    "createdAt" DATETIME NOT NULL,
    "status" INTEGER,
    "latencyMs" INTEGER,
    "responseSnippet" TEXT,
    "error" TEXT,
    CONSTRAINT "CallbackAttempt_apiAccountId_fkey" FOREIGN KEY ("apiAccountId") REFERENCES "ApiAccount" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReceivedCallback" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "apiAccountId" TEXT,
    "apiCode" TEXT,
    "path" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL,
    "tokenValid" BOOLEAN NOT NULL,
    "bodySnippet" TEXT,
    CONSTRAINT "ReceivedCallback_apiAccountId_fkey" FOREIGN KEY ("apiAccountId") REFERENCES "ApiAccount" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TokenTestRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "apiAccountId" TEXT,
    "actorId" TEXT,
    "identifiant" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "tokenUrl" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "outcome" TEXT NOT NULL,
    "httpStatus" INTEGER,
    "latencyMs" INTEGER,
    "oauthError" TEXT,
    "apiCallUrl" TEXT,
    "apiCallStatus" INTEGER,
    CONSTRAINT "TokenTestRun_apiAccountId_fkey" FOREIGN KEY ("apiAccountId") REFERENCES "ApiAccount" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Company_siren_key" ON "Company"("siren");

-- CreateIndex
CREATE UNIQUE INDEX "Establishment_siret_key" ON "Establishment"("siret");

-- CreateIndex
CREATE INDEX "Establishment_companyId_idx" ON "Establishment"("companyId");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "CorrespondentScope_establishmentId_idx" ON "CorrespondentScope"("establishmentId");

-- CreateIndex
CREATE INDEX "AttachmentRequest_establishmentId_status_idx" ON "AttachmentRequest"("establishmentId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "AttachmentRequest_userId_establishmentId_key" ON "AttachmentRequest"("userId", "establishmentId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiAccount_identifiantKey_key" ON "ApiAccount"("identifiantKey");

-- CreateIndex
CREATE UNIQUE INDEX "ApiAccount_establishmentId_key" ON "ApiAccount"("establishmentId");

-- CreateIndex
CREATE INDEX "ApiAccount_email_idx" ON "ApiAccount"("email");

-- CreateIndex
CREATE INDEX "ApiAccount_identifiant_idx" ON "ApiAccount"("identifiant");

-- CreateIndex
CREATE INDEX "ApiAccount_statusLevel_idx" ON "ApiAccount"("statusLevel");

-- CreateIndex
CREATE UNIQUE INDEX "Api_code_key" ON "Api"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Api_pathPrefix_key" ON "Api"("pathPrefix");

-- CreateIndex
CREATE UNIQUE INDEX "ApiField_apiId_key_key" ON "ApiField"("apiId", "key");

-- CreateIndex
CREATE INDEX "HabilitationRequest_status_createdAt_idx" ON "HabilitationRequest"("status", "createdAt");

-- CreateIndex
CREATE INDEX "HabilitationRequest_apiAccountId_idx" ON "HabilitationRequest"("apiAccountId");

-- CreateIndex
CREATE INDEX "HabilitationRequestItem_apiId_decision_idx" ON "HabilitationRequestItem"("apiId", "decision");

-- CreateIndex
CREATE UNIQUE INDEX "HabilitationRequestItem_requestId_apiId_key" ON "HabilitationRequestItem"("requestId", "apiId");

-- CreateIndex
CREATE UNIQUE INDEX "Habilitation_apiAccountId_apiId_key" ON "Habilitation"("apiAccountId", "apiId");

-- CreateIndex
CREATE INDEX "ApiFieldValue_pendingEffectiveAt_idx" ON "ApiFieldValue"("pendingEffectiveAt");

-- CreateIndex
CREATE UNIQUE INDEX "ApiFieldValue_apiAccountId_apiId_fieldKey_key" ON "ApiFieldValue"("apiAccountId", "apiId", "fieldKey");

-- CreateIndex
CREATE INDEX "OutboxMessage_siret_createdAt_idx" ON "OutboxMessage"("siret", "createdAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_apiAccountId_idx" ON "OutboxMessage"("apiAccountId");

-- CreateIndex
CREATE INDEX "AuditEvent_apiAccountId_at_idx" ON "AuditEvent"("apiAccountId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_siret_at_idx" ON "AuditEvent"("siret", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_action_at_idx" ON "AuditEvent"("action", "at");

-- CreateIndex
CREATE UNIQUE INDEX "OAuthToken_tokenHash_key" ON "OAuthToken"("tokenHash");

-- CreateIndex
CREATE INDEX "OAuthToken_apiAccountId_kind_idx" ON "OAuthToken"("apiAccountId", "kind");

-- CreateIndex
CREATE INDEX "CallbackAttempt_apiAccountId_createdAt_idx" ON "CallbackAttempt"("apiAccountId", "createdAt");

-- CreateIndex
CREATE INDEX "ReceivedCallback_apiAccountId_receivedAt_idx" ON "ReceivedCallback"("apiAccountId", "receivedAt");

-- CreateIndex
CREATE INDEX "TokenTestRun_apiAccountId_createdAt_idx" ON "TokenTestRun"("apiAccountId", "createdAt");
