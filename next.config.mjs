/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  serverExternalPackages: ["@node-rs/argon2", "better-sqlite3", "@prisma/adapter-better-sqlite3"],
};

export default nextConfig;
