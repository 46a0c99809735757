import "./pg-name-fix.cjs";
import { randomUUID } from "node:crypto";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";
import { postgreSplitterOptions, splitQuery } from "dbgate-query-splitter";

// Prisma 6 with the JS engine and the pg driver adapter: the only combination whose
// migrations run offline (the native schema engine comes only from Prisma's CDN).

// Discrete fields, not connectionString (pg lets connectionString override `database`).
function pgConfig(urlStr: string) {
  const u = new URL(urlStr);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: u.pathname.slice(1),
  };
}

// PrismaPg.connectToShadowDb drops the shadow database before closing its own pool, which
// fails with "being accessed by other users". Close first, then drop.
type TPgAdapter = Awaited<ReturnType<PrismaPg["connect"]>>;

// PrismaPg's executeScript cuts a migration at every ";", also inside dollar-quoted PL/pgSQL
// bodies (trigger functions). Split it as PostgreSQL reads it, and still run one statement at a
// time as before (so e.g. a new enum value is committed before a later statement uses it).
function withStatementSplitting(adapter: TPgAdapter): TPgAdapter {
  adapter.executeScript = async (script: string) => {
    for (const statement of splitQuery(script, postgreSplitterOptions)) {
      await adapter.executeRaw({ sql: statement as string, args: [], argTypes: [] });
    }
  };
  return adapter;
}

class PrismaPgMigrate extends PrismaPg {
  constructor(private readonly cfg: ReturnType<typeof pgConfig>) {
    super(cfg);
  }
  override async connect() {
    return withStatementSplitting(await super.connect());
  }
  override async connectToShadowDb() {
    const admin = await new PrismaPg(this.cfg).connect();
    const database = `prisma_shadow_${randomUUID().replace(/-/g, "")}`;
    await admin.executeScript(`CREATE DATABASE "${database}"`);
    const shadow = withStatementSplitting(await new PrismaPg({ ...this.cfg, database }).connect());
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      await admin.executeScript(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await admin.dispose();
    };
    return shadow;
  }
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  adapter: async () =>
    new PrismaPgMigrate(pgConfig(process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres")),
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
