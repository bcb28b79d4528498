export declare const AJV_OPTIONS: { allErrors: boolean; strict: boolean };
export declare const VALIDATORS_FILE: string;
export declare function renderValidators(schemas: { kpi: object; project: object }): string;
export declare function assertLengthsAreNonEmpty(schema: unknown, path?: string): void;
