import { describe, expect, it } from "vitest";
import { decideStatisticsScope } from "./statistics-scope";

describe("who sees which district's statistics", () => {
  it("an administrator sees the whole province, or any one district asked for", () => {
    expect(decideStatisticsScope({ role: "ADMIN", districtId: "dh" }, undefined)).toEqual({ ok: true, scope: { districtId: null } });
    expect(decideStatisticsScope({ role: "ADMIN", districtId: null }, "cl")).toEqual({ ok: true, scope: { districtId: "cl" } });
  });

  it("department staff (no district) see every district", () => {
    expect(decideStatisticsScope({ role: "STAFF", districtId: null }, undefined)).toEqual({ ok: true, scope: { districtId: null } });
    expect(decideStatisticsScope({ role: "STAFF", districtId: null }, "cl")).toEqual({ ok: true, scope: { districtId: "cl" } });
  });

  it("staff of a district see their district only, and are refused another", () => {
    expect(decideStatisticsScope({ role: "STAFF", districtId: "dh" }, undefined)).toEqual({ ok: true, scope: { districtId: "dh" } });
    expect(decideStatisticsScope({ role: "STAFF", districtId: "dh" }, "dh")).toEqual({ ok: true, scope: { districtId: "dh" } });
    expect(decideStatisticsScope({ role: "STAFF", districtId: "dh" }, "cl")).toEqual({ ok: false, code: "STATISTICS_OUT_OF_DISTRICT" });
  });

  it("a service token made for a district is held to it like district staff", () => {
    expect(decideStatisticsScope({ role: "SERVICE", districtId: "dh" }, "cl")).toEqual({ ok: false, code: "STATISTICS_OUT_OF_DISTRICT" });
    expect(decideStatisticsScope({ role: "SERVICE", districtId: null }, "cl")).toEqual({ ok: true, scope: { districtId: "cl" } });
  });

  it("teachers, students and bridge point accounts see none", () => {
    for (const role of ["TEACHER", "STUDENT", "BRIDGE_POINT"] as const) {
      expect(decideStatisticsScope({ role, districtId: "dh" }, undefined)).toEqual({ ok: false, code: "FORBIDDEN" });
    }
  });
});
