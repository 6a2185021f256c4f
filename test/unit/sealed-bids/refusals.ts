/** What `run` throws; `toThrow` cannot match nested details partially. */
export const thrownBy = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
};

/** The shape of a refusal by rule, naming `field`. */
export const refusal = (field: string) => ({ code: 'RULE_VIOLATED', details: { field } });

/** The shape of a refusal of invalid input, naming `field`. */
export const invalid = (field: string) => ({ code: 'VALIDATION_FAILED', details: { field } });
