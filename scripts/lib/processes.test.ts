import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SupervisedService, typescriptCommand } from "./processes";

// Each start appends a line to a file, then the child dies after `lifeMs` (or lives on).
function counterService(lifeMs: number | null, onGiveUp: (name: string) => void = () => {}) {
  const file = join(mkdtempSync(join(tmpdir(), "supervised-")), "starts");
  const script = `require("fs").appendFileSync(${JSON.stringify(file)}, "x\\n");` +
    (lifeMs === null ? "setInterval(() => {}, 1000);" : `setTimeout(() => process.exit(3), ${lifeMs});`);
  const service = new SupervisedService({
    name: "probe",
    command: process.execPath,
    args: ["-e", script],
    cwd: process.cwd(),
    env: process.env,
    colorIndex: 0,
    onGiveUp,
  });
  const starts = () => {
    try {
      return readFileSync(file, "utf8").split("\n").filter(Boolean).length;
    } catch {
      return 0;
    }
  };
  return { service, starts };
}

describe("SupervisedService", () => {
  it("starts a service that dies unexpectedly again", async () => {
    const { service, starts } = counterService(200);
    await expect.poll(starts, { timeout: 5000 }).toBeGreaterThanOrEqual(2);
    await service.stop();
  });

  it("gives up on a service that keeps crashing", async () => {
    let gaveUp = "";
    const { starts } = counterService(0, (name) => (gaveUp = name));
    await expect.poll(() => gaveUp, { timeout: 15_000 }).toBe("probe");
    expect(starts()).toBe(6); // the first start and five restarts
  }, 20_000);

  it("does not restart a service it was asked to stop", async () => {
    const { service, starts } = counterService(null);
    await expect.poll(starts).toBe(1);
    await service.stop();
    await new Promise((r) => setTimeout(r, 1500));
    expect(starts()).toBe(1);
  });
});

describe("typescriptCommand", () => {
  it("runs a TypeScript service whose shutdown still runs when it is stopped while busy", async () => {
    const dir = mkdtempSync(join(tmpdir(), "supervised-ts-"));
    const ready = join(dir, "ready");
    const stopped = join(dir, "stopped");
    const entry = join(dir, "busy.ts");
    // Its event loop is blocked 300 ms at a time, as a loaded service's is: under the tsx command,
    // which kills a child that has not acknowledged a signal within 30 ms, its handler never ran.
    writeFileSync(
      entry,
      `import { writeFileSync } from "node:fs";
       const blockMs: number = 300;
       process.once("SIGTERM", () => { writeFileSync(${JSON.stringify(stopped)}, "done"); process.exit(0); });
       writeFileSync(${JSON.stringify(ready)}, "yes");
       setInterval(() => { const end = Date.now() + blockMs; while (Date.now() < end); }, 5);`,
    );
    const service = new SupervisedService({ name: "busy", ...typescriptCommand(entry), cwd: process.cwd(), env: process.env, colorIndex: 0, onGiveUp: () => {} });
    await expect.poll(() => existsSync(ready), { timeout: 15_000 }).toBe(true);
    await service.stop();
    expect(existsSync(stopped)).toBe(true);
  }, 30_000);
});
