export const greeting: string = "hello from a bundled fixture";
