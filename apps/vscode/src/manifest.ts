import { commandContributions } from "./commands.js";
import { configurationContribution } from "./settings.js";

/** The parts of package.json's `contributes` generated from code (scripts/generate-manifest.mjs). */
export function generatedContributions() {
  return {
    commands: commandContributions(),
    configuration: configurationContribution(),
  };
}
