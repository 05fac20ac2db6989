// For tests: schedule rows in the real database, with the organization, volume and repository they point to.
import { eq } from "drizzle-orm";
import { database } from "@/db/client";
import { backupSchedules, organizations, repositories, volumes } from "@/db/schema";

export const TEST_ORG = "org-schedules";
export const TEST_REPOSITORY_ID = "repo-1";
let counter = 0;

export async function seedScheduleOwners(): Promise<void> {
  const db = await database();
  await db.insert(organizations).values({ id: TEST_ORG, name: "Org", slug: TEST_ORG, resticPassword: "x" });
  await db.insert(volumes).values({
    id: 1,
    shortId: "vol00001",
    organizationId: TEST_ORG,
    name: "v",
    type: "directory",
    config: { path: "/tmp" },
  });
  await db.insert(repositories).values({
    id: TEST_REPOSITORY_ID,
    shortId: "repo0001",
    organizationId: TEST_ORG,
    name: "r",
    type: "local",
    config: { backend: "local", path: "/tmp/r" },
  });
}

export async function insertSchedule(values: Partial<typeof backupSchedules.$inferInsert> = {}) {
  const db = await database();
  counter++;
  const [row] = await db
    .insert(backupSchedules)
    .values({
      shortId: `sched${String(counter).padStart(3, "0")}`,
      organizationId: TEST_ORG,
      name: `schedule ${counter}`,
      volumeId: 1,
      repositoryId: TEST_REPOSITORY_ID,
      cronExpression: "0 * * * *",
      ...values,
    })
    .returning();
  return row;
}

export async function storedSchedule(id: number) {
  const db = await database();
  const [row] = await db.select().from(backupSchedules).where(eq(backupSchedules.id, id));
  return row;
}

export async function deleteSchedules(): Promise<void> {
  const db = await database();
  await db.delete(backupSchedules);
}
