declare module "@/next.config.mjs" {
  const config: import("next").NextConfig;
  export default config;
}
