import { createPrismaClient } from "@diemcau/db";
import { searchMaterials } from "@diemcau/search";
import { visibleMaterialsSql } from "../../apps/web/lib/materials/visible-materials-sql";
const url = process.argv[2]!;
const db = createPrismaClient(url);
const teacher = await db.user.findFirstOrThrow({ where: { role: "TEACHER" } });
const visible = visibleMaterialsSql({ id: teacher.id, role: "TEACHER" });
const queries: [string, object?][] = [
  ["số"], ["học"], ["đanh"], ["dien"], ["phương trình bậc"], ["quang hợp ở"], ["phuong trinh bac hai"], ["dien bien phu"],
  ["phuog trinh"], ["quag hop"], ["phân số", { subject: "Toán", grade: 6 }], ["phuong tr"], ["sgddt"],
];
for (const [q, filters] of queries) {
  const times: number[] = [];
  let r;
  for (let i = 0; i < 6; i++) {
    const t = performance.now();
    r = await searchMaterials(db, { query: q, visible, filters: filters as never });
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(q.padEnd(24), "total", String(r!.total).padStart(6), "median", times[3]!.toFixed(1), "max", times[5]!.toFixed(1), r!.suggestion ?? "");
}
await db.$disconnect();
