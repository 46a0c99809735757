// Browser side of the app's forms: one request, and the server's error (code, Vietnamese
// message, field, details) when it refuses. Kept free of server imports so client components can use it.

export interface TFormError {
  code: string;
  message: string;
  params?: Record<string, string | number>;
  field?: string;
  details?: string[];
}

export type TSendResult<T> = { ok: true; data: T } | { ok: false; error: TFormError };

const NETWORK_ERROR: TFormError = { code: "NETWORK", message: "Không kết nối được máy chủ. Vui lòng thử lại." };

export async function sendJson<T>(url: string, method: "GET" | "POST" | "PATCH" | "DELETE", body?: unknown): Promise<TSendResult<T>> {
  return send<T>(url, {
    method,
    headers: body === undefined ? undefined : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** A file as the raw request body (the server checks its declared size before reading it). */
export async function sendFile<T>(url: string, file: Blob): Promise<TSendResult<T>> {
  return send<T>(url, { method: "POST", headers: { "content-type": file.type || "application/octet-stream" }, body: file });
}

export async function sendForm<T>(url: string, form: FormData): Promise<TSendResult<T>> {
  return send<T>(url, { method: "POST", body: form });
}

async function send<T>(url: string, init: RequestInit): Promise<TSendResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch {
    return { ok: false, error: NETWORK_ERROR };
  }
  const payload = (await response.json().catch(() => null)) as { error?: TFormError } | null;
  if (response.ok) return { ok: true, data: payload as T };
  return {
    ok: false,
    error: payload?.error ?? { code: `HTTP_${response.status}`, message: `Máy chủ từ chối yêu cầu (mã ${response.status}).` },
  };
}
