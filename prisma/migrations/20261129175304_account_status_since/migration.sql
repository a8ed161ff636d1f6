-- AlterTable
ALTER TABLE "ApiAccount" ADD COLUMN "statusSince" DATETIME;
