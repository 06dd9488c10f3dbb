import { randomInt } from "crypto";
import { ADMIN_PASSWORD_ARGS } from "../../components/compute/adminCredentials";

/** Draws a password the way `random.RandomPassword` does with ADMIN_PASSWORD_ARGS: the minimums first, then any class, shuffled. */
export function drawAdminPassword(): string {
    const args = ADMIN_PASSWORD_ARGS;
    const classes: Array<[string, number]> = [
        ["ABCDEFGHIJKLMNOPQRSTUVWXYZ", args.minUpper],
        ["abcdefghijklmnopqrstuvwxyz", args.minLower],
        ["0123456789", args.minNumeric],
        [args.overrideSpecial, args.minSpecial],
    ];
    const pick = (alphabet: string): string => alphabet[randomInt(alphabet.length)];
    const characters = classes.flatMap(([alphabet, count]) => Array.from({ length: count }, () => pick(alphabet)));
    const all = classes.map(([alphabet]) => alphabet).join("");
    while (characters.length < args.length) {
        characters.push(pick(all));
    }
    for (let i = characters.length - 1; i > 0; i--) {
        const j = randomInt(i + 1);
        [characters[i], characters[j]] = [characters[j], characters[i]];
    }
    return characters.join("");
}
