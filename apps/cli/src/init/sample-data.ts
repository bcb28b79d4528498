/** A deterministic orders CSV for the six months before `today`, so `kpi run` has data right after `kpi init`. */
export function sampleOrdersCsv(today: string): string {
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const end = Date.parse(`${today}T00:00:00Z`);
  const start = end - 183 * 86_400_000;
  const channels = ["web", "app", "marketplace"];
  const rows = ["order_id,customer_id,ordered_at,amount,is_repeat,refunded,channel"];
  const customers = new Set<number>();
  for (let id = 1; id <= 1200; id++) {
    const at = new Date(start + random() * (end - start));
    const customer = 1 + Math.floor(random() * 700);
    const repeat = customers.has(customer);
    customers.add(customer);
    const amount = (35 + random() * 55 + (repeat ? 8 : 0)).toFixed(2);
    const refunded = random() < 0.055;
    const channel = channels[Math.floor(random() * channels.length)];
    rows.push(
      `${id},${customer},${at.toISOString().replace("T", " ").slice(0, 19)},${amount},${repeat},${refunded},${channel}`,
    );
  }
  return `${rows.join("\n")}\n`;
}
