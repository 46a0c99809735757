import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import pg from "pg";

const db = await PGlite.create();
const server = new PGLiteSocketServer({ db, port: 0, maxConnections: 100 });
await server.start();
const url = `postgresql://postgres@${server.getServerConn()}/postgres`;
const pool = new pg.Pool({ connectionString: url, max: 10 });
await pool.query("create table big(id int primary key, v text)");
let bad = 0;
const jobs = [];
for (let i = 0; i < 60; i++) {
  const big = String(i % 10).repeat(i % 3 ? 300000 : 10);
  const sql = i % 2 ? "insert into big values ($1, $2) returning id, 'ins' as kind" : "select $1::int as id, length($2::text)::text || 'sel' as kind";
  jobs.push(pool.query(sql, [i, big]).then((r) => { const k = r.rows[0].kind; if (r.rows[0].id !== i || (i % 2 ? k !== "ins" : !k.endsWith("sel"))) { bad++; console.log("mismatch", i, r.rows[0]); } }));
}
const rs = await Promise.allSettled(jobs);
console.log("rejected", rs.filter(r=>r.status==="rejected").length, rs.filter(r=>r.status==="rejected").map(r=>(r as any).reason.message).slice(0,5));
console.log("bad", bad);
console.log((await pool.query("select count(*) from big")).rows);
await pool.end();
await server.stop();
await db.close();
