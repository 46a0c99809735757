"use client";

import { signOut } from "next-auth/react";

export function SignOutButton({ label }: { label: string }) {
  return (
    <button
      type="button"
      className="button button--ghost"
      // redirect:false and a relative target: correct whatever host or port the app is reached on.
      onClick={() => signOut({ redirect: false }).then(() => window.location.assign("/dang-nhap"))}
    >
      {label}
    </button>
  );
}
