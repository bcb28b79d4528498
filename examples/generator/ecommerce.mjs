// Nordlicht Home, an online shop for home goods. Story: on 2026-10-01 the
// shop moved the south and east regions to a cheaper carrier. The checkout
// funnel is fine (on track), but late deliveries jump (off track) and drag
// customer satisfaction down (at risk); repeat purchases have not suffered yet.
import { atHour, DATA_END, DAY, days, HOUR, officeHour, utc } from "./calendar.mjs";

const CARRIER_SWITCH = utc("2026-10-01");
const REGIONS = { north: 0.3, south: 0.25, east: 0.2, west: 0.25 };
const SWITCHED_REGIONS = new Set(["south", "east"]);

const DEVICES = {
  mobile: { share: 0.58, checkout: 0.48, purchase: 0.7 },
  desktop: { share: 0.34, checkout: 0.62, purchase: 0.8 },
  tablet: { share: 0.08, checkout: 0.55, purchase: 0.74 },
};
const deviceShares = Object.fromEntries(
  Object.entries(DEVICES).map(([device, { share }]) => [device, share]),
);

// Shoppers browse in the evening and at weekends; November and December are
// the gift season.
const WEEKDAY_FACTOR = [1.0, 0.95, 0.95, 0.95, 0.97, 1.12, 1.28];
const seasonFactor = (day) => ({ 11: 1.25, 12: 1.35, 1: 0.85 })[day.month] ?? 1;

const RETURNING_CART_SHARE = 0.3;
const PRE_EXISTING_CUSTOMERS = 2500;

const ON_TIME_SCORES = { 5: 0.5, 4: 0.33, 3: 0.1, 2: 0.04, 1: 0.03 };
const LATE_SCORES = { 5: 0.14, 4: 0.25, 3: 0.26, 2: 0.2, 1: 0.15 };

const columns = (spec) => spec.map(([name, type, digits]) => ({ name, type, digits }));
const seconds = (hours) => Math.round(hours * 3600) * 1000;

function lateProbability(region, orderedAt) {
  if (orderedAt >= CARRIER_SWITCH && SWITCHED_REGIONS.has(region)) return 0.45;
  return 0.06;
}

/** Customers who bought before the data starts, so repeat purchases exist from day one. */
function createCustomerBase(random) {
  const orderCounts = new Map();
  for (let id = 1; id <= PRE_EXISTING_CUSTOMERS; id++) orderCounts.set(id, random.integer(1, 3));
  return { orderCounts, buyers: [...orderCounts.keys()], nextId: PRE_EXISTING_CUSTOMERS + 1 };
}

export function generateEcommerce(random) {
  const customers = createCustomerBase(random);
  const regionOf = new Map();
  const carts = [];
  const orders = [];
  const surveys = [];

  for (const day of days()) {
    const volume = 60 * (1 + 0.15 * day.progress) * WEEKDAY_FACTOR[day.weekday] * seasonFactor(day);
    const cartCount = random.poisson(volume);
    const dayCarts = [];
    for (let index = 0; index < cartCount; index++) {
      dayCarts.push(atHour(day.start, officeHour(random, 19, 3.5, 0.3)));
    }
    dayCarts.sort((a, b) => a - b);
    for (const createdAt of dayCarts) {
      const returning = random.chance(RETURNING_CART_SHARE);
      const customerId = returning
        ? customers.buyers[random.integer(0, customers.buyers.length - 1)]
        : customers.nextId++;
      if (!regionOf.has(customerId)) regionOf.set(customerId, random.weighted(REGIONS));
      const region = regionOf.get(customerId);
      const deviceName = random.weighted(deviceShares);
      const device = DEVICES[deviceName];
      const checkoutAt = random.chance(device.checkout + (returning ? 0.06 : 0))
        ? createdAt + seconds(random.exponential(0.1) + 0.01)
        : null;
      const purchasedAt =
        checkoutAt !== null && random.chance(device.purchase + (returning ? 0.06 : 0))
          ? checkoutAt + seconds(random.exponential(0.07) + 0.01)
          : null;
      carts.push([carts.length + 1, customerId, createdAt, deviceName, region, checkoutAt, purchasedAt]);
      if (purchasedAt === null || purchasedAt > DATA_END) continue;

      const orderNumber = (customers.orderCounts.get(customerId) ?? 0) + 1;
      if (orderNumber === 1) customers.buyers.push(customerId);
      customers.orderCounts.set(customerId, orderNumber);
      const orderDay = purchasedAt - (purchasedAt % DAY);
      // Promised: three days later, by the end of the delivery window at 20:00.
      const promisedAt = orderDay + 3 * DAY + 20 * HOUR;
      const late = random.chance(lateProbability(region, purchasedAt));
      const deliveredAt = late
        ? promisedAt + seconds(random.uniform(4, 80))
        : Math.max(purchasedAt + seconds(20), promisedAt - seconds(random.uniform(1, 60)));
      const amount = Math.min(900, random.logNormal(58, 0.55));
      const orderId = orders.length + 1;
      orders.push([
        orderId,
        customerId,
        purchasedAt,
        deviceName,
        region,
        amount,
        orderNumber,
        promisedAt,
        deliveredAt <= DATA_END ? deliveredAt : null,
      ]);
      if (deliveredAt > DATA_END || !random.chance(0.38)) continue;
      const answeredAt = deliveredAt + seconds(random.exponential(20) + 0.2);
      if (answeredAt > DATA_END) continue;
      const score = Number(random.weighted(late ? LATE_SCORES : ON_TIME_SCORES));
      surveys.push({ orderId, answeredAt, region, score });
    }
  }
  surveys.sort((a, b) => a.answeredAt - b.answeredAt || a.orderId - b.orderId);

  return {
    "carts.parquet": {
      columns: columns([
        ["cart_id", "INTEGER"],
        ["customer_id", "INTEGER"],
        ["created_at", "TIMESTAMP"],
        ["device", "VARCHAR"],
        ["region", "VARCHAR"],
        ["checkout_started_at", "TIMESTAMP"],
        ["purchased_at", "TIMESTAMP"],
      ]),
      rows: carts,
    },
    "orders.parquet": {
      columns: columns([
        ["order_id", "INTEGER"],
        ["customer_id", "INTEGER"],
        ["ordered_at", "TIMESTAMP"],
        ["device", "VARCHAR"],
        ["region", "VARCHAR"],
        ["amount_eur", "DOUBLE", 2],
        ["customer_order_number", "INTEGER"],
        ["promised_delivery_at", "TIMESTAMP"],
        ["delivered_at", "TIMESTAMP"],
      ]),
      rows: orders,
    },
    "csat_responses.csv": {
      columns: columns([
        ["response_id", "INTEGER"],
        ["order_id", "INTEGER"],
        ["answered_at", "TIMESTAMP"],
        ["region", "VARCHAR"],
        ["score", "INTEGER"],
      ]),
      rows: surveys.map((survey, index) => [
        index + 1,
        survey.orderId,
        survey.answeredAt,
        survey.region,
        survey.score,
      ]),
    },
  };
}
