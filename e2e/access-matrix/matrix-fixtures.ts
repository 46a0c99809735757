import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { request, type APIRequestContext } from "@playwright/test";
import { ACCOUNTS, CHOSEN_PASSWORD, type TAccountName } from "../accounts";
import type { TMatrixObjects } from "./make-matrix-objects.mts";

/** Who asks: a signed-in account of each role, a guest holding an invite link, and a visitor with neither. */
export const IDENTITIES = ["ADMIN", "STAFF", "TEACHER", "STUDENT", "BRIDGE_POINT", "GUEST", "ANONYMOUS"] as const;
export type TWho = (typeof IDENTITIES)[number];

/** The demo account each signed-in identity uses (the setup project chose their passwords). */
const ACCOUNT_OF: Record<Exclude<TWho, "GUEST" | "ANONYMOUS">, TAccountName> = {
  ADMIN: "admin",
  STAFF: "staff",
  TEACHER: "teacher",
  STUDENT: "student",
  BRIDGE_POINT: "bridgePoint",
};

/**
 * The objects the matrix asks about, made for it so that each identity's relation to them is
 * known: TEACHER (gv.lan) teaches `course` and hosts `lesson`, STUDENT (hs.minh) is enrolled in
 * it; `otherCourse` and `otherLesson` belong to another teacher; STAFF (canbo) hosts `conference`,
 * to which BRIDGE_POINT (Đông Hà) is invited and GUEST holds an invite link; the materials are
 * TEACHER's.
 */
export type TMatrixFixtures = Omit<TMatrixObjects, "fresh" | "run" | "events"> & {
  /** Where the stack answers, for links inside requests (oEmbed's url=). */
  baseUrl: string;
  invite: string;
  /** Another invite link of the conference, for the revoke request (revoking `invite` would lock GUEST out). */
  spareInviteId: string;
  /** A live-watch token the watch page gave TEACHER for the conference's recording. */
  liveToken: string;
  /** A fresh object for a request that changes or ends what it is about. */
  newConference(): string;
  newLesson(): string;
  newStudentAccount(options?: { disabled?: boolean }): string;
  /** A fresh document link of TEACHER's lesson, another teacher's lesson, TEACHER's material or another teacher's. */
  newDocumentLink(target: "lesson" | "otherLesson" | "material" | "otherMaterial"): string;
  /** A fresh service token (its id), to revoke. */
  newServiceToken(): string;
  unique(): string;
};

export interface TMatrixBed {
  fixtures: TMatrixFixtures;
  contexts: Record<TWho, APIRequestContext>;
  close(): Promise<void>;
}

async function signedInContext(baseURL: string, account: TAccountName): Promise<APIRequestContext> {
  const context = await request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  const { csrfToken } = (await (await context.get("/api/auth/csrf")).json()) as { csrfToken: string };
  await context.post("/api/auth/callback/credentials", { form: { csrfToken, email: ACCOUNTS[account].email, password: CHOSEN_PASSWORD, json: "true" } });
  const session = (await (await context.get("/api/auth/session")).json()) as { user?: { role: string } };
  if (session.user?.role !== ACCOUNTS[account].role) throw new Error(`the matrix could not sign in as ${ACCOUNTS[account].email}`);
  return context;
}

function taker(pool: string[], kind: string): () => string {
  return () => {
    const id = pool.shift();
    if (!id) throw new Error(`the matrix used up its fresh ${kind}: raise FRESH_PER_KIND in make-matrix-objects.mts`);
    return id;
  };
}

/** Makes the matrix's objects in the stack's database, signs each identity in, and gets the guest's invite. */
export async function createMatrixBed(baseURL: string, env: { DATABASE_URL: string; E2E_STORAGE_DIR: string }): Promise<TMatrixBed> {
  const tsx = join(process.cwd(), "node_modules", ".bin", "tsx");
  const { stdout } = await promisify(execFile)(tsx, [join(__dirname, "make-matrix-objects.mts")], { env: { ...process.env, ...env } });
  const { fresh, run, events, ...objects } = JSON.parse(stdout) as TMatrixObjects;

  const contexts = {} as Record<TWho, APIRequestContext>;
  for (const who of Object.keys(ACCOUNT_OF) as (keyof typeof ACCOUNT_OF)[]) contexts[who] = await signedInContext(baseURL, ACCOUNT_OF[who]);
  contexts.GUEST = await request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  contexts.ANONYMOUS = await request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });

  // The host's invite link; the guest's first token request gives it its guest identity.
  const invited = await contexts.STAFF.post(`/api/meetings/${objects.conference}/invites`, { data: {} });
  const invite = new URL(((await invited.json()) as { url: string }).url).searchParams.get("moi")!;
  const spare = await contexts.STAFF.post(`/api/meetings/${objects.conference}/invites`, { data: {} });
  const spareInviteId = ((await spare.json()) as { id: string }).id;
  await contexts.GUEST.post(`/api/meetings/${objects.conference}/token`, { data: { invite, guestName: "Khách ma trận" } });

  const watchPage = await (await contexts.TEACHER.get(`/xem/${objects.conference}`)).text();
  const liveToken = /\/xem\/[^/"]+\/live\/([^/"]+)\/index\.m3u8/.exec(watchPage)?.[1];
  if (!liveToken) throw new Error("the watch page gave the teacher no live token for the matrix's recorded conference");

  let counter = 0;
  const newDisabled = taker(fresh.disabledStudents, "disabled students");
  const newActive = taker(fresh.students, "students");
  const links = {
    lesson: taker(fresh.lessonLinks, "document links"),
    otherLesson: taker(fresh.otherLessonLinks, "document links"),
    material: taker(fresh.materialLinks, "document links"),
    otherMaterial: taker(fresh.otherMaterialLinks, "document links"),
  };
  return {
    fixtures: {
      ...objects,
      baseUrl: baseURL,
      invite,
      spareInviteId,
      liveToken,
      newConference: taker(fresh.conferences, "conferences"),
      newLesson: taker(fresh.lessons, "lessons"),
      newStudentAccount: ({ disabled = false } = {}) => (disabled ? newDisabled() : newActive()),
      newDocumentLink: (target) => links[target](),
      newServiceToken: taker(fresh.serviceTokens, "service tokens"),
      unique: () => `${run}-m${++counter}`,
    },
    contexts,
    async close() {
      // Its lessons and conferences are open for two hours from now: cancelled, they stop holding the
      // teacher's time and Đông Hà's bridge point for the specs that schedule their own.
      await promisify(execFile)(tsx, [join(__dirname, "end-matrix-objects.mts"), ...events], { env: { ...process.env, ...env } });
      await Promise.all(Object.values(contexts).map((c) => c.dispose()));
    },
  };
}
