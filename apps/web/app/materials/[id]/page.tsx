import { permanentRedirect } from "next/navigation";

/** The issue's English path; the app's pages live under Vietnamese paths. */
export default async function MaterialAliasPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ t?: string }> }) {
  const [{ id }, { t }] = await Promise.all([params, searchParams]);
  permanentRedirect(`/hoc-lieu/${encodeURIComponent(id)}${t ? `?t=${encodeURIComponent(t)}` : ""}`);
}
