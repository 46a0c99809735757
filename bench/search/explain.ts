import { createPrismaClient, Prisma } from "@diemcau/db";
import { searchMaterials } from "@diemcau/search";
import pg from "pg";
import { visibleMaterialsSql } from "../../apps/web/lib/materials/visible-materials-sql";
const [url, query, which = "1", role = "TEACHER"] = process.argv.slice(2);
const db = createPrismaClient(url);
const client = new pg.Client({ connectionString: url });
await client.connect();
const teacher = await db.user.findFirstOrThrow({ where: { role: "TEACHER" } });
const visible = visibleMaterialsSql(role === "ANON" ? null : { id: teacher.id, role: role as "TEACHER" });
const original = db.$queryRaw.bind(db);
let n = 0;
(db as any).$queryRaw = async (strings: TemplateStringsArray, ...values: unknown[]) => {
  n++;
  const sql = Prisma.sql(strings, ...values);
  if (String(n) === which) {
    await client.query("BEGIN");
    for (const s of (process.env.SETS ?? "").split(";").filter(Boolean)) await client.query(`SET LOCAL ${s}`);
    const plan = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql.text}`, sql.values as unknown[]);
    await client.query("COMMIT");
    console.log(plan.rows.map((r) => r["QUERY PLAN"]).join("\n"));
  }
  return original(sql as never);
};
await searchMaterials(db, { query: query!, visible });
await db.$disconnect();
await client.end();
