import { asRecord, asString } from "./values";

/** Tags the resource will carry: `tagsAll` (provider defaultTags merged by the provider) overlaid with `tags`. */
export function effectiveTags(props: Record<string, unknown>): Record<string, unknown> {
    return { ...asRecord(props.tagsAll), ...asRecord(props.tags) };
}

/** The value of tag `key`, or undefined when it is missing or empty. */
export function tagValue(props: Record<string, unknown>, key: string): string | undefined {
    return asString(effectiveTags(props)[key]);
}
