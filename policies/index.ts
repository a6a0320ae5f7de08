// The CrossGuard policy pack, for `pulumi preview --policy-pack policies`. Constructing a PolicyPack starts
// serving it, so nothing may import this file: libraries and the offline plan import ./pack instead.
import { PolicyPack } from "@pulumi/policy";
import { policies } from "./pack";

new PolicyPack("meridian", { policies });
