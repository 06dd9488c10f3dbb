import * as assert from "assert";
import * as aws from "@pulumi/aws";
import { instanceSize, isKnownInstanceType, SIZED_FAMILIES, taskCapacity } from "../../config/ec2InstanceSizes";

describe("EC2 instance sizes", () => {
    it("match the published specifications (docs.aws.amazon.com/ec2/latest/instancetypes)", () => {
        const expected: Record<string, [number, number]> = {
            "m6i.large": [2, 8192], "m7g.medium": [1, 4096], "m5.24xlarge": [96, 393216], "m6a.48xlarge": [192, 786432],
            "c5.9xlarge": [36, 73728], "c7g.4xlarge": [16, 32768], "r6i.xlarge": [4, 32768], "r7g.16xlarge": [64, 524288],
            "t3.micro": [2, 1024], "t3a.nano": [2, 512], "t4g.2xlarge": [8, 32768],
        };
        for (const [type, [vcpus, memoryMib]] of Object.entries(expected)) assert.deepStrictEqual(instanceSize(type), { vcpus, memoryMib }, type);
    });

    it("size only types the provider lists, and leave metal and unknown families unsized", () => {
        for (const family of SIZED_FAMILIES) assert.ok(isKnownInstanceType(`${family}.large`), `${family}.large is not in aws.ec2.InstanceType`);
        for (const type of ["m6i.metal", "m7i.metal-24xl", "x2idn.large", "m6i.medium", "m6i.huge"]) assert.strictEqual(instanceSize(type), undefined, type);
        const sized = Object.values(aws.ec2.InstanceType).filter((type) => instanceSize(type) !== undefined);
        assert.strictEqual(sized.length, 264, "sized types in @pulumi/aws 7.48: 30 families, every listed size but metal");
    });

    it("leave tasks all vCPUs and 95 % of the memory", () => {
        assert.deepStrictEqual(taskCapacity({ vcpus: 2, memoryMib: 8192 }), { cpu: 2048, memory: 7782 });
    });
});
