import { ECOMMERCE } from "./ecommerce.js";
import { SAAS } from "./saas.js";
import { SUPPORT } from "./support.js";
import type { InitTemplate } from "./template.js";

export type { InitDates, InitTemplate } from "./template.js";

/** The starts `kpi init --template <name>` offers, one per kind of team. */
export const INIT_TEMPLATES = { ecommerce: ECOMMERCE, saas: SAAS, support: SUPPORT } satisfies Record<
  string,
  InitTemplate
>;

export type InitTemplateName = keyof typeof INIT_TEMPLATES;

/** What `kpi init` writes without `--template`: the shop it has always written. */
export const DEFAULT_TEMPLATE: InitTemplateName = "ecommerce";

export const isInitTemplate = (name: string): name is InitTemplateName => Object.hasOwn(INIT_TEMPLATES, name);
