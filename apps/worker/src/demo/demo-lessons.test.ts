import { seedDemo } from "@diemcau/db";
import type { TRecordingFinalizeJob } from "@diemcau/protocol";
import { describe, expect, it } from "vitest";
import { probeMedia } from "../jobs/ffmpeg";
import { useJobTestBed } from "../jobs/testing/job-test-bed";
import { addDemoLessons, DEMO_LESSONS } from "./demo-lessons";

describe("the demo lessons (real ffmpeg, espeak-ng and PostgreSQL)", () => {
  const bed = useJobTestBed("diemcau-demo-");

  it("adds each lesson once: a published demo material with its video, narration captions and a queued finalize", async () => {
    await seedDemo(bed.db);
    const jobs: TRecordingFinalizeJob[] = [];
    const deps = { db: bed.db, local: bed.local, enqueueFinalize: async (job: TRecordingFinalizeJob) => void jobs.push(job) };

    expect((await addDemoLessons(deps)).added).toHaveLength(DEMO_LESSONS.length);
    expect((await addDemoLessons(deps)).added).toEqual([]);

    expect(jobs).toHaveLength(DEMO_LESSONS.length);
    for (const job of jobs) {
      const probe = await probeMedia(bed.local.localPath(job.uploadKey!));
      expect(probe.video).toMatchObject({ width: 1280, height: 720 });
      expect(probe.audio).not.toBeNull();
    }
    const materials = await bed.db.material.findMany({ where: { isDemo: true }, include: { transcript: { orderBy: { startSec: "asc" } } } });
    expect(materials).toHaveLength(DEMO_LESSONS.length);
    for (const material of materials) {
      expect(material).toMatchObject({ published: true, visibility: "PUBLIC" });
      const lesson = DEMO_LESSONS.find((item) => item.id === material.id)!;
      expect(material.transcript.map((line) => line.text)).toEqual(lesson.slides.flatMap((slide) => slide.narration ?? []));
      expect(material.transcript.every((line) => line.source === "UPLOAD" && line.endSec > line.startSec)).toBe(true);
    }
  });
});
