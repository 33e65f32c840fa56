// The request lifecycle driven through a client generated from the served OpenAPI document:
// register → verify → login → create → assign → start → complete → rate → close → list.
// Every body and answer is typed by `schema.d.ts` (openapi-typescript), so a document whose
// types disagree with what the flow needs fails `tsc --strict`, and a server whose answers
// disagree with the document fails here at run time.
import createClient from "openapi-fetch";
import type { paths } from "./schema.js";
import { expect, expectStatus, mailedToken } from "./check.js";

const baseUrl = required("BASMA_BASE_URL");
const mailbox = required("BASMA_MAILBOX");
const admin = { email: required("BASMA_ADMIN_EMAIL"), password: required("BASMA_ADMIN_PASSWORD") };

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === "") {
    throw new Error(`set ${name}`);
  }
  return value;
}

/** A client that signs its calls with `token` (none: anonymous). */
function clientFor(token?: string) {
  const headers: Record<string, string> = { "Accept-Language": "en" };
  if (token !== undefined) {
    headers.Authorization = `Bearer ${token}`;
  }
  return createClient<paths>({ baseUrl, headers });
}

async function signIn(email: string, password: string): Promise<string> {
  const signedIn = await expectStatus(
    `login ${email}`,
    200,
    clientFor().POST("/api/v1/auth/login", { body: { email, password } }),
  );
  return signedIn.data.accessToken;
}

async function main(): Promise<void> {
  const anonymous = clientFor();
  const run = Date.now().toString(36);
  const customer = { name: "TS Client", email: `ts-client-${run}@example.com`, password: "Client-pass-2026" };

  await expectStatus("register", 201, anonymous.POST("/api/v1/auth/register", { body: customer }));
  const token = await mailedToken(mailbox, customer.email);
  await expectStatus("verify", 200, anonymous.POST("/api/v1/auth/verify-email", { body: { token } }));
  const asCustomer = clientFor(await signIn(customer.email, customer.password));
  const asAdmin = clientFor(await signIn(admin.email, admin.password));

  const technician = { name: "TS Technician", email: `ts-tech-${run}@example.com`, password: "Tech-pass-2026", role: "TECHNICIAN" as const };
  const tech = await expectStatus("create technician", 201, asAdmin.POST("/api/v1/users", { body: technician }));
  const asTechnician = clientFor(await signIn(technician.email, technician.password));

  const code = `TS${run.toUpperCase().replace(/[^A-Z0-9]/g, "")}`.slice(0, 30);
  const property = await expectStatus(
    "create property",
    201,
    asAdmin.POST("/api/v1/properties", { body: { name: "TS Tower", code, city: "Riyadh" } }),
  );
  const building = await expectStatus(
    "create building",
    201,
    asAdmin.POST("/api/v1/properties/{id}/buildings", {
      params: { path: { id: property.data.id } },
      body: { name: "Block A", code: "A1" },
    }),
  );
  const categories = await expectStatus("list categories", 200, asCustomer.GET("/api/v1/categories"));
  const category = categories.data[0];
  expect(category !== undefined, "a seeded category");

  const created = await expectStatus(
    "create request",
    201,
    asCustomer.POST("/api/v1/requests", {
      body: {
        title: "Kitchen tap leaks",
        description: "Water drips from the kitchen tap all night.",
        categoryId: category.id,
        buildingId: building.data.id,
        priority: "HIGH",
        location: "Flat 12, kitchen",
      },
    }),
  );
  const id = created.data.id;
  expect(created.data.status === "SUBMITTED", "a SUBMITTED request");
  const path = { params: { path: { id } } };

  await expectStatus("assign", 200, asAdmin.POST("/api/v1/requests/{id}/assign", { ...path, body: { technicianId: tech.data.id } }));
  await expectStatus("start", 200, asTechnician.PATCH("/api/v1/requests/{id}/status", { ...path, body: { status: "IN_PROGRESS" } }));
  const completed = await expectStatus(
    "complete",
    200,
    asTechnician.PATCH("/api/v1/requests/{id}/status", { ...path, body: { status: "COMPLETED", note: "New washer fitted." } }),
  );
  expect(completed.data.status === "COMPLETED", "a COMPLETED request");
  await expectStatus("rate", 200, asCustomer.POST("/api/v1/requests/{id}/rating", { ...path, body: { score: 5, feedback: "Quick and tidy." } }));
  const closed = await expectStatus("close", 200, asAdmin.PATCH("/api/v1/requests/{id}/status", { ...path, body: { status: "CLOSED" } }));
  expect(closed.data.status === "CLOSED", "a CLOSED request");

  const listed = await expectStatus(
    "list",
    200,
    asCustomer.GET("/api/v1/requests", { params: { query: { status: ["CLOSED"], includeTotal: true } } }),
  );
  const mine = listed.data.find((r) => r.id === id);
  expect(mine !== undefined && mine.status === "CLOSED", "the closed request in the customer's list");
  expect(listed.total === 1, "a total of 1");

  const detail = await expectStatus("detail", 200, asCustomer.GET("/api/v1/requests/{id}", path));
  expect(detail.data.assignee?.id === tech.data.id, "the technician as assignee");
  expect(detail.data.timeline.events.length >= 5, "the lifecycle in the timeline");
  console.log("ts client flow: every step answered as the document says");
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
