/**
 * Orthanc 1.13's memory settings sized from the task's memory. Its defaults assume a large server: caches of
 * 128 + 256 + 256 MB, working capacities of 512 + 256 + 256 MB and a 128 MB window per sequential reader thread,
 * about 2.2 GB before anything else, more than a 2 GB task has (Orthanc book, faq/scalability, "Controlling
 * memory usage": caches always fill, capacities fill under load, plus ~128 MB Orthanc does not account for).
 */
import { StorageBackend } from "../../config/types";

/** Orthanc 1.13's defaults, in MB (OrthancServer/Resources/Configuration.json and AdvancedConfiguration.json). */
export const ORTHANC_MEMORY_DEFAULTS = {
    MaximumStorageCacheSize: 128,
    DicomParserCacheSize: 256,
    TranscoderCacheSize: 256,
    StorageMemoryCapacity: 512,
    DicomParserMemoryCapacity: 256,
    TranscoderMemoryCapacity: 256,
    SequentialDicomReaderWindowCapacity: 128,
} as const;

/**
 * Storage loader threads: the book advises about 20 for object storage (each S3 read waits on the network) and
 * the default 4 for a file system. The sequential readers default to the same count and each holds a window.
 */
export function storageLoaderThreads(backend: StorageBackend): number {
    return backend === "s3" ? 20 : 4;
}

/** What Orthanc's managed memory may not use: the OS, the HTTP and DICOM threads' buffers, plugins (viewers, DICOMweb). */
export function unmanagedReserveMb(taskMemoryMb: number): number {
    return Math.max(512, Math.ceil(taskMemoryMb / 4));
}

/** Managed memory at the defaults for a given number of sequential reader threads. */
export function defaultManagedMemoryMb(sequentialThreads: number): number {
    const { SequentialDicomReaderWindowCapacity, ...fixed } = ORTHANC_MEMORY_DEFAULTS;
    return Object.values(fixed).reduce((sum, value) => sum + value, 0) + SequentialDicomReaderWindowCapacity * sequentialThreads;
}

/** Smallest value each setting is scaled down to: below it a single typical CT slice no longer fits. */
const MINIMUM_MB = 16;

/**
 * Every cache and capacity scaled by one factor so that their sum fits the task's memory less the reserve;
 * never above Orthanc's defaults. Throws when even the minimums do not fit.
 */
export function orthancMemorySettings(taskMemoryMb: number, backend: StorageBackend): Record<string, number> {
    const threads = storageLoaderThreads(backend);
    const budget = taskMemoryMb - unmanagedReserveMb(taskMemoryMb);
    const factor = Math.min(1, budget / defaultManagedMemoryMb(threads));
    const scaled = Object.fromEntries(Object.entries(ORTHANC_MEMORY_DEFAULTS).map(([key, value]) =>
        [key, Math.max(MINIMUM_MB, Math.floor(value * factor))]));
    const total = Object.entries(scaled).reduce((sum, [key, value]) =>
        sum + (key === "SequentialDicomReaderWindowCapacity" ? value * threads : value), 0);
    if (total > budget) {
        throw new Error(`An Orthanc container of ${taskMemoryMb} MiB leaves ${budget} MiB for Orthanc's caches and buffers, less than their minimum of ${total} MiB: raise compute.memory.`);
    }
    return {
        ...scaled,
        StorageLoaderThreadsCount: threads,
        SequentialDicomReaderThreadsCount: threads,
    };
}

/** Managed memory the settings allow at most (caches full, every capacity in use). */
export function managedMemoryMb(settings: Record<string, number>): number {
    return Object.entries(ORTHANC_MEMORY_DEFAULTS).reduce((sum, [key]) =>
        sum + settings[key] * (key === "SequentialDicomReaderWindowCapacity" ? settings.SequentialDicomReaderThreadsCount : 1), 0);
}
