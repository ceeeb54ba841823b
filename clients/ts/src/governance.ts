// Governance through the owner. Every contract takes the same governance
// action two ways with the same effect: `sudo` with the `GovMsg` itself (a
// `MsgSudoContract` proposal; scripts/gov-proposal.sh writes those) and the
// owner's `{"owner": <GovMsg>}` execute message. Codegen names the latter a
// method `owner(...)`; this names it for what it does.

import type { StdFee } from "@cosmjs/amino";
import type {
  ExecuteInstruction,
  ExecuteResult,
  MsgExecuteContractEncodeObject,
  SigningCosmWasmClient,
} from "@cosmjs/cosmwasm-stargate";

import type { GovMsg as VaultGovMsg } from "./generated/FundVault.types";
import type { GovMsg as StakingGovMsg } from "./generated/StakingRewards.types";
import type { GovMsg as SocializerGovMsg } from "./generated/LossSocializer.types";
import { toEncodeObject } from "./hooks";

export type { VaultGovMsg, StakingGovMsg, SocializerGovMsg };

/** The execute message that makes the owner take governance action `action`: `{"owner": action}`. */
export function ownerExecuteMsg<G>(action: G): { owner: G } {
  return { owner: action };
}

/**
 * Governance actions on one contract, sent by its owner (a multisig, or an
 * account governance controls). `G` is that contract's `GovMsg`.
 */
export class Governance<G> {
  constructor(
    readonly client: SigningCosmWasmClient,
    /** The contract's owner, who signs. */
    readonly owner: string,
    readonly contractAddress: string,
  ) {}

  /** The owner's `{"owner": action}` on the contract, as an instruction for `executeMultiple`. */
  instruction(action: G): ExecuteInstruction {
    return { contractAddress: this.contractAddress, msg: ownerExecuteMsg(action) };
  }

  /** The same as a `MsgExecuteContract` for `signAndBroadcast` (for example in a multisig's tx). */
  encodeObject(action: G): MsgExecuteContractEncodeObject {
    return toEncodeObject(this.owner, this.instruction(action));
  }

  /** Takes governance action `action` now, as the owner. */
  execute(action: G, fee: StdFee | "auto" | number = "auto", memo?: string): Promise<ExecuteResult> {
    return this.client.execute(this.owner, this.contractAddress, ownerExecuteMsg(action), fee, memo);
  }
}

/** Governance of a fund vault (`GovMsg` of schema/fund-vault). */
export const vaultGovernance = (client: SigningCosmWasmClient, owner: string, vault: string) =>
  new Governance<VaultGovMsg>(client, owner, vault);

/** Governance of a staking-rewards contract (`GovMsg` of schema/staking-rewards). */
export const stakingGovernance = (client: SigningCosmWasmClient, owner: string, staking: string) =>
  new Governance<StakingGovMsg>(client, owner, staking);

/** Governance of a loss socializer (`GovMsg` of schema/loss-socializer). */
export const socializerGovernance = (client: SigningCosmWasmClient, owner: string, socializer: string) =>
  new Governance<SocializerGovMsg>(client, owner, socializer);
