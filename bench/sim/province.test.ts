/**
 * Smoke test of the province simulation at a tiny size: a coordinator and three communes for
 * four weeks (a key rotation, an offline commune, a late package), exchanging real packages with
 * authorship proofs. Every replica must converge, every received op must be proven by its
 * author's chain, and none refused.
 */
import { describe, expect, it } from "vitest";
import { runProvince } from "./province";

describe("province simulation", () => {
  it("converges with every received op proven and none refused (3 communes × 4 weeks)", async () => {
    const lines: string[] = [];
    const result = await runProvince(
      { communes: 3, weeks: 4, tasksPerCommune: 12, out: null },
      (line) => lines.push(line),
    );
    expect(result.refusalSamples).toEqual([]);
    expect(result.authorship.coordinator.refused).toBe(0);
    expect(result.authorship.communes.refused).toBe(0);
    // Ops went both ways and were proven: up from the communes, down (and relayed) from the coordinator.
    expect(result.authorship.coordinator.proven).toBeGreaterThan(0);
    expect(result.authorship.communes.proven).toBeGreaterThan(
      result.authorship.coordinator.proven,
    );
    expect(result.converged).toBe(true);
    expect(result.states).toBe(1);
    expect(result.replicas).toBe(4);
    expect(lines.some((l) => l.startsWith("CONVERGED"))).toBe(true);
    expect(
      lines.some((l) => l.startsWith("Authorship (received ops): coordinator")),
    ).toBe(true);
  });
});
