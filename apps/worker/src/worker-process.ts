import { createNewsPublisher } from "@diemcau/connectors/news";
import { checkDatabase, createPrismaClient } from "@diemcau/db";
import { loadSigner } from "@diemcau/signing";
import { createStorage } from "@diemcau/storage";
import { WhisperEngine } from "@diemcau/captions/whisper";
import PgBoss from "pg-boss";
import { mediaSecretOf, type TWorkerConfig } from "./config";
import { startHeartbeat } from "./heartbeat";
import { registerJobs } from "./jobs/register-jobs";
import { createMailer } from "./jobs/send-schedule-mail";

/** whisper.cpp with the operator's model, loaded per job; none without WHISPER_MODEL. */
function transcriptionOf(config: TWorkerConfig) {
  const modelPath = config.WHISPER_MODEL;
  if (!modelPath) return null;
  const options = { modelPath, threads: config.WHISPER_THREADS, timeoutMs: config.WHISPER_TIMEOUT_SECONDS * 1000 };
  return { createEngine: () => WhisperEngine.load(options), language: config.WHISPER_LANGUAGE };
}

export type WorkerProcess = Awaited<ReturnType<typeof startWorkerProcess>>;

/** Starts the job queue (pg-boss on the same PostgreSQL), the recording jobs and the liveness heartbeat. */
export async function startWorkerProcess(config: TWorkerConfig) {
  await checkDatabase(config.DATABASE_URL);
  // A certificate that cannot sign stops the worker now, not at the first material.
  const signer = await loadSigner(config);
  if (!signer) console.log("[worker] no signing certificate (SIGNING_CERT_FILE / SIGNING_PKCS12_FILE): materials stay unsigned");
  const db = createPrismaClient(config.DATABASE_URL);
  const boss = new PgBoss({ connectionString: config.DATABASE_URL, schema: "pgboss" });
  boss.on("error", (err) => console.error("[worker] queue error:", err));
  await boss.start();
  const publicUrl = config.PUBLIC_URL.replace(/\/+$/, "");
  const stopSweepTimer = await registerJobs({
    db,
    boss,
    storage: createStorage(config),
    databaseUrl: config.DATABASE_URL,
    mediaServerUrl: config.MEDIA_SERVER_URL,
    mediaSecret: mediaSecretOf(config),
    staleAfterMs: config.RECORDING_STALE_SECONDS * 1000,
    sweepIntervalMs: config.RECORDING_SWEEP_INTERVAL_SECONDS * 1000,
    signer,
    mailer: createMailer(config),
    reminders: { leadMinutes: config.REMINDER_MINUTES_BEFORE, publicUrl },
    transcription: transcriptionOf(config),
    news: {
      publisher: createNewsPublisher(config),
      publicUrl,
      feedUrl: config.NEWS_FEED_URL ?? null,
      pollCron: config.NEWS_FEED_POLL_CRON,
    },
  });
  const heartbeat = await startHeartbeat(db, config.HEARTBEAT_INTERVAL_MS);
  return {
    boss,
    heartbeatId: heartbeat.id,
    async stop() {
      stopSweepTimer();
      await heartbeat.stop();
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
      await db.$disconnect();
    },
  };
}
