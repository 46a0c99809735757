import type { Db, Role } from "@diemcau/db";
import { STAFF_MANAGED_ROLES, type TAccountActor } from "./account-scope";
import { ROLES } from "./account-input";

const vietnameseOrder = new Intl.Collator("vi");

/** What the actor may choose on the account forms: roles, districts and bridge points within their scope. */
export async function loadAccountFormOptions(db: Db, actor: TAccountActor) {
  const inDistrict = actor.role === "STAFF" && actor.districtId ? { id: actor.districtId } : {};
  const [districts, bridgePoints] = await Promise.all([
    db.district.findMany({ where: inDistrict, select: { id: true, name: true, kind: true } }),
    db.bridgePoint.findMany({ where: { district: inDistrict }, select: { id: true, name: true, districtId: true } }),
  ]);
  const roles: readonly Role[] = actor.role === "ADMIN" ? ROLES : STAFF_MANAGED_ROLES;
  return {
    roles: [...roles],
    districts: districts.sort((a, b) => vietnameseOrder.compare(a.name, b.name)).map((d) => ({ id: d.id, name: `${d.kind} ${d.name}` })),
    bridgePoints: bridgePoints.sort((a, b) => vietnameseOrder.compare(a.name, b.name)),
    /** District staff create accounts in their own district only. */
    fixedDistrictId: actor.role === "STAFF" ? actor.districtId : null,
  };
}
export type TAccountFormOptions = Awaited<ReturnType<typeof loadAccountFormOptions>>;
