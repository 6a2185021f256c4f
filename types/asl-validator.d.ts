declare module 'asl-validator' {
  interface Validation {
    isValid: boolean;
    errorsText(separator?: string): string;
  }
  const aslValidator: (definition: unknown) => Validation;
  export default aslValidator;
}
