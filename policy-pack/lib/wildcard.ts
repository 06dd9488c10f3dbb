/** True when an IAM-style pattern (`*` any run, `?` one character, case-insensitive) matches `value`. */
export function wildcardMatches(pattern: string, value: string): boolean {
    const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, "i");
    return regex.test(value);
}
