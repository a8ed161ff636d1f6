"use client";
import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button
      type="button"
      onClick={() => void signOut({ callbackUrl: "/login" })}
      className="rounded border border-marianne px-3 py-1.5 text-sm font-medium text-marianne hover:bg-marianne-light"
    >
      Se déconnecter
    </button>
  );
}
