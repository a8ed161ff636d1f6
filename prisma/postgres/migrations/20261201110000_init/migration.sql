-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('CORRESPONDENT', 'CUSTOMS_AGENT', 'TRAINER', 'COLLABORATOR');

-- CreateEnum
CREATE TYPE "AttachmentStatus" AS ENUM ('PENDING', 'CERTIFIED', 'DECERTIFIED');

-- CreateEnum
CREATE TYPE "FieldKind" AS ENUM ('URL', 'SECRET', 'TEXT', 'EMAIL');

-- CreateEnum
CREATE TYPE "RequestStatus" AS ENUM ('SUBMITTED', 'APPROVED', 'PARTIALLY_APPROVED', 'REFUSED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "ItemDecision" AS ENUM ('PENDING', 'APPROVED', 'REFUSED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "TokenKind" AS ENUM ('ACCESS', 'REFRESH');

-- CreateTable
CREATE TABLE "Company" (
    "id" TEXT NOT NULL,
    "siren" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Company_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Establishment" (
    "id" TEXT NOT NULL,
    "siret" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "city" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Establishment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CorrespondentScope" (
    "userId" TEXT NOT NULL,
    "establishmentId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CorrespondentScope_pkey" PRIMARY KEY ("userId","establishmentId")
);

-- CreateTable
CREATE TABLE "AttachmentRequest" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "establishmentId" TEXT NOT NULL,
    "status" "AttachmentStatus" NOT NULL DEFAULT 'PENDING',
    "message" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMP(3),
    "decidedById" TEXT,

    CONSTRAINT "AttachmentRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiAccount" (
    "id" TEXT NOT NULL,
    "identifiant" TEXT NOT NULL,
    "identifiantKey" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "establishmentId" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "passwordChangedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "credentialsVersion" INTEGER NOT NULL DEFAULT 0,
    "createdById" TEXT,
    "statusLevel" TEXT NOT NULL DEFAULT 'red',
    "statusSince" TIMESTAMP(3),

    CONSTRAINT "ApiAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Api" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "contactEmail" TEXT NOT NULL,
    "pathPrefix" TEXT NOT NULL,
    "urlDelaySeconds" INTEGER NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Api_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiField" (
    "id" TEXT NOT NULL,
    "apiId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "kind" "FieldKind" NOT NULL,
    "required" BOOLEAN NOT NULL DEFAULT true,
    "help" TEXT,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ApiField_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HabilitationRequest" (
    "id" TEXT NOT NULL,
    "apiAccountId" TEXT NOT NULL,
    "siret" TEXT NOT NULL,
    "identifiant" TEXT NOT NULL,
    "authorId" TEXT,
    "message" TEXT,
    "status" "RequestStatus" NOT NULL DEFAULT 'SUBMITTED',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMP(3),
    "withdrawnAt" TIMESTAMP(3),

    CONSTRAINT "HabilitationRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HabilitationRequestItem" (
    "id" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "apiId" TEXT NOT NULL,
    "decision" "ItemDecision" NOT NULL DEFAULT 'PENDING',
    "reason" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decidedById" TEXT,

    CONSTRAINT "HabilitationRequestItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Habilitation" (
    "id" TEXT NOT NULL,
    "apiAccountId" TEXT NOT NULL,
    "apiId" TEXT NOT NULL,
    "grantedAt" TIMESTAMP(3) NOT NULL,
    "grantedById" TEXT,
    "revokedAt" TIMESTAMP(3),
    "revokedById" TEXT,
    "revokedReason" TEXT,

    CONSTRAINT "Habilitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiFieldValue" (
    "id" TEXT NOT NULL,
    "apiAccountId" TEXT NOT NULL,
    "apiId" TEXT NOT NULL,
    "fieldKey" TEXT NOT NULL,
    "value" TEXT,
    "secretCipher" TEXT,
    "pendingValue" TEXT,
    "pendingRequestedAt" TIMESTAMP(3),
    "pendingEffectiveAt" TIMESTAMP(3),
    "effectiveNotifiedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedById" TEXT,

    CONSTRAINT "ApiFieldValue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "kind" TEXT NOT NULL,
    "recipients" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "siret" TEXT,
    "apiAccountId" TEXT,
    "sentAt" TIMESTAMP(3),
    "sendError" TEXT,

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorEmail" TEXT,
    "action" TEXT NOT NULL,
    "apiAccountId" TEXT,
    "siret" TEXT,
    "details" TEXT,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OAuthToken" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "kind" "TokenKind" NOT NULL,
    "apiAccountId" TEXT NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "authTime" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "usedAt" TIMESTAMP(3),
    "credentialsVersion" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "OAuthToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SigningKey" (
    "kid" TEXT NOT NULL,
    "alg" TEXT NOT NULL,
    "publicJwk" TEXT NOT NULL,
    "privateCipher" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "retiredAt" TIMESTAMP(3),

    CONSTRAINT "SigningKey_pkey" PRIMARY KEY ("kid")
);

-- CreateTable
CREATE TABLE "CallbackAttempt" (
    "id" TEXT NOT NULL,
    "apiAccountId" TEXT NOT NULL,
    "apiCode" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "actorId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "status" INTEGER,
    "latencyMs" INTEGER,
    "responseSnippet" TEXT,
    "error" TEXT,

    CONSTRAINT "CallbackAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReceivedCallback" (
    "id" TEXT NOT NULL,
    "apiAccountId" TEXT,
    "apiCode" TEXT,
    "path" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "tokenValid" BOOLEAN NOT NULL,
    "bodySnippet" TEXT,

    CONSTRAINT "ReceivedCallback_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TokenTestRun" (
    "id" TEXT NOT NULL,
    "apiAccountId" TEXT,
    "actorId" TEXT,
    "identifiant" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "tokenUrl" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "outcome" TEXT NOT NULL,
    "httpStatus" INTEGER,
    "latencyMs" INTEGER,
    "oauthError" TEXT,
    "apiCallUrl" TEXT,
    "apiCallStatus" INTEGER,

    CONSTRAINT "TokenTestRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UserSession" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),
    "endReason" TEXT,

    CONSTRAINT "UserSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateLimitBucket" (
    "key" TEXT NOT NULL,
    "windowStartMs" DOUBLE PRECISION NOT NULL,
    "failures" INTEGER NOT NULL,
    "blockedUntilMs" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "blockedAtFailures" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RateLimitBucket_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
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

-- CreateIndex
CREATE INDEX "UserSession_userId_idx" ON "UserSession"("userId");

-- CreateIndex
CREATE INDEX "RateLimitBucket_windowStartMs_idx" ON "RateLimitBucket"("windowStartMs");

-- AddForeignKey
ALTER TABLE "Establishment" ADD CONSTRAINT "Establishment_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CorrespondentScope" ADD CONSTRAINT "CorrespondentScope_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CorrespondentScope" ADD CONSTRAINT "CorrespondentScope_establishmentId_fkey" FOREIGN KEY ("establishmentId") REFERENCES "Establishment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AttachmentRequest" ADD CONSTRAINT "AttachmentRequest_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AttachmentRequest" ADD CONSTRAINT "AttachmentRequest_establishmentId_fkey" FOREIGN KEY ("establishmentId") REFERENCES "Establishment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiAccount" ADD CONSTRAINT "ApiAccount_establishmentId_fkey" FOREIGN KEY ("establishmentId") REFERENCES "Establishment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiField" ADD CONSTRAINT "ApiField_apiId_fkey" FOREIGN KEY ("apiId") REFERENCES "Api"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HabilitationRequest" ADD CONSTRAINT "HabilitationRequest_apiAccountId_fkey" FOREIGN KEY ("apiAccountId") REFERENCES "ApiAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HabilitationRequestItem" ADD CONSTRAINT "HabilitationRequestItem_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "HabilitationRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HabilitationRequestItem" ADD CONSTRAINT "HabilitationRequestItem_apiId_fkey" FOREIGN KEY ("apiId") REFERENCES "Api"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Habilitation" ADD CONSTRAINT "Habilitation_apiAccountId_fkey" FOREIGN KEY ("apiAccountId") REFERENCES "ApiAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Habilitation" ADD CONSTRAINT "Habilitation_apiId_fkey" FOREIGN KEY ("apiId") REFERENCES "Api"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiFieldValue" ADD CONSTRAINT "ApiFieldValue_apiAccountId_fkey" FOREIGN KEY ("apiAccountId") REFERENCES "ApiAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OAuthToken" ADD CONSTRAINT "OAuthToken_apiAccountId_fkey" FOREIGN KEY ("apiAccountId") REFERENCES "ApiAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallbackAttempt" ADD CONSTRAINT "CallbackAttempt_apiAccountId_fkey" FOREIGN KEY ("apiAccountId") REFERENCES "ApiAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReceivedCallback" ADD CONSTRAINT "ReceivedCallback_apiAccountId_fkey" FOREIGN KEY ("apiAccountId") REFERENCES "ApiAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TokenTestRun" ADD CONSTRAINT "TokenTestRun_apiAccountId_fkey" FOREIGN KEY ("apiAccountId") REFERENCES "ApiAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

