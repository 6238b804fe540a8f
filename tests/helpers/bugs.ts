// Known bugs in code owned by others: the failing test stays in the suite and keeps running,
// reported as TODO (not failing the suite) until the owner fixes it; then the marker goes.
export const bug = (owner: string, what: string) => ({ todo: `KNOWN BUG (${owner}): ${what}` });
