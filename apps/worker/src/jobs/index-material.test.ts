import { Prisma } from "@diemcau/db";
import { recordingKeys, type TChatMessage } from "@diemcau/protocol";
import { searchMaterials } from "@diemcau/search";
import { describe, expect, it } from "vitest";
import { useJobTestBed } from "./testing/job-test-bed";
import { indexMaterial } from "./index-material";
import { createRecordingFixture } from "./testing/recording-fixture";

describe("indexMaterial: the chat log becomes timed, searchable chat lines (real PostgreSQL)", () => {
  const bed = useJobTestBed("diemcau-index-");

  /** Ids of the materials matching a query typed with or without diacritics, best first (title, then chat). */
  const search = async (query: string) =>
    (await searchMaterials(bed.db, { query, visible: Prisma.sql`TRUE` })).items.map((item) => item.id);

  const chat = (lines: [string, string][]): TChatMessage[] =>
    lines.map(([displayName, text], i) => ({
      id: `m${i}`,
      peerId: `p${i}`,
      userId: `u${i}`,
      displayName,
      text,
      sentAt: new Date(Date.UTC(2026, 10, 28, 8, i)).toISOString(),
    }));

  it("puts the chat log into the search vector; title, tags and description are in it already, without diacritics", async () => {
    const { db, local } = bed;
    const { recordingId, event } = await createRecordingFixture(db, { status: "READY" });
    await db.recording.update({ where: { id: recordingId }, data: { startedAt: new Date(Date.UTC(2026, 10, 28, 8, 0)) } });
    const material = await db.material.create({
      data: { title: "Phương trình bậc hai", tags: ["Đông Hà"], description: "Ôn tập chương IV", ownerId: event.hostId, recordingId },
    });
    const other = await db.material.create({ data: { title: "Định lý Vi-ét và ứng dụng", ownerId: event.hostId } });
    await local.put(
      recordingKeys.chat(recordingId),
      Buffer.from(JSON.stringify(chat([["Học sinh Minh", "Thưa cô, định lý Vi-ét áp dụng thế nào ạ?"], ["Cô Lan", "Em xem lại đề bài số 3"]]))),
    );

    expect(await search("phuong trinh")).toEqual([material.id]);
    expect(await search("dong ha")).toEqual([material.id]);
    expect(await search("Ôn tập")).toEqual([material.id]);
    // The chat is not searchable until the job runs.
    expect(await search("dinh ly vi et")).toEqual([other.id]);

    expect(await indexMaterial({ db, local, media: local }, { materialId: material.id })).toEqual({ indexed: true, chatMessages: 2 });

    // Found by its chat now, ranked below the material whose title matches.
    expect(await search("dinh ly vi et")).toEqual([other.id, material.id]);
    expect(await search("đề bài")).toEqual([material.id]);
    // Each message at its second in the recording, for the hit's link.
    const [found] = (await searchMaterials(db, { query: "de bai", visible: Prisma.sql`TRUE` })).items;
    expect(found!.hits.map((hit) => [hit.kind, hit.second])).toEqual([["chat", 60]]);
    // Running the job again replaces the lines.
    await indexMaterial({ db, local, media: local }, { materialId: material.id });
    expect(await db.chatLine.count({ where: { materialId: material.id } })).toBe(2);
    // The generated column follows an edit of the title, with no job.
    await db.material.update({ where: { id: material.id }, data: { title: "Hệ thức lượng" } });
    expect(await search("he thuc luong")).toEqual([material.id]);
    expect(await search("phuong trinh")).toEqual([]);
  });

  it("indexes the rest when the chat log is missing or not a chat log", async () => {
    const { db, local } = bed;
    const { recordingId, event } = await createRecordingFixture(db, { status: "READY" });
    const material = await db.material.create({ data: { title: "Sinh hoạt chuyên môn", ownerId: event.hostId, recordingId } });
    expect(await indexMaterial({ db, local, media: local }, { materialId: material.id })).toEqual({ indexed: true, chatMessages: 0 });
    await local.put(recordingKeys.chat(recordingId), Buffer.from(JSON.stringify([{ text: "không có người gửi" }])));
    expect(await indexMaterial({ db, local, media: local }, { materialId: material.id })).toEqual({ indexed: true, chatMessages: 0 });
    expect(await db.chatLine.count({ where: { materialId: material.id } })).toBe(0);
    expect(await search("sinh hoat chuyen mon")).toEqual([material.id]);
  });
});
