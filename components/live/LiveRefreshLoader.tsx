"use client";
import dynamic from "next/dynamic";

/**
 * The poller (and TanStack Query with it, ~10 kB gzip) loads after the page is interactive: it is
 * not needed to show the page, so it stays out of every route's first-load JS.
 */
export const LiveRefreshLoader = dynamic(() => import("./LiveRefresh").then((m) => m.LiveRefresh), { ssr: false });
