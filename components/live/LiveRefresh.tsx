"use client";
import { useEffect, useRef, useState } from "react";
import { QueryClient, QueryClientProvider, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { LIVE_POLL_MS } from "@/lib/live/poll";


async function fetchVersion(): Promise<string | null> {
  const response = await fetch("/api/live", { cache: "no-store", headers: { Accept: "application/json" } });
  if (response.status === 401) return null; // signed out elsewhere: the next navigation goes to /login
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return ((await response.json()) as { version: string }).version;
}

function Poller() {
  const router = useRouter();
  const seen = useRef<string | null>(null);
  const { data } = useQuery({
    queryKey: ["live-version"],
    queryFn: fetchVersion,
    refetchInterval: LIVE_POLL_MS,
    refetchIntervalInBackground: false, // a hidden tab costs nothing
    refetchOnWindowFocus: true, // back on the tab: at once
    retry: false,
    staleTime: 0,
    gcTime: 60_000,
  });
  useEffect(() => {
    if (!data) return;
    if (seen.current !== null && seen.current !== data) router.refresh(); // the server components render again, forms keep their input
    seen.current = data;
  }, [data, router]);
  return null;
}

/** Mounted once by the console's layout: the open page follows what changes, without a reload. */
export function LiveRefresh() {
  const [client] = useState(() => new QueryClient());
  return (
    <QueryClientProvider client={client}>
      <Poller />
    </QueryClientProvider>
  );
}
