// What codegen cannot see: the contracts' cw20 hooks. A stake, a cw20
// deposit, cw20 income, cw20 reward funding and a cw20 recovery are each a
// cw20 `Send` executed on the token, carrying the hook message base64-encoded
// in its `msg`. The hook payloads are typed from schema/<contract>/extra.

import type { StdFee } from "@cosmjs/amino";
import type {
  ExecuteInstruction,
  ExecuteResult,
  MsgExecuteContractEncodeObject,
  SigningCosmWasmClient,
} from "@cosmjs/cosmwasm-stargate";
import { toBase64, toUtf8 } from "@cosmjs/encoding";
import { MsgExecuteContract } from "cosmjs-types/cosmwasm/wasm/v1/tx";

import { type Amount, toUint128 } from "./amount";
import type { ReceiveMsg as VaultHookMsg, ShareHookMsg } from "./generated/FundVault.extra";
import type { FundMode, ReceiveMsg as StakingHookMsg } from "./generated/StakingRewards.extra";
import type { ReceiveMsg as SocializerHookMsg } from "./generated/LossSocializer.extra";

/**
 * Any hook payload one of the contracts accepts from a cw20 `Send`,
 * including the vault's `{"redeem_slashed":{...}}` that a slash source
 * attaches to slashed shares (the `msg` of a staking `slash`).
 */
export type HookMsg = VaultHookMsg | ShareHookMsg | StakingHookMsg | SocializerHookMsg;

/** The cw20 `send` execute message (cw20-base and the vault's share token alike). */
export interface Cw20SendMsg {
  send: {
    /** The receiving contract, whose `receive` hook runs. */
    contract: string;
    /** Tokens to move. */
    amount: string;
    /** The hook message: base64 of its JSON. */
    msg: string;
  };
}

/** base64 of `msg`'s JSON: the `msg` field of a cw20 `Send`. */
export function encodeHook(msg: HookMsg): string {
  return toBase64(toUtf8(JSON.stringify(msg)));
}

/**
 * A cw20 `Send` of `amount` of `token` to `contract` with the hook `hook`,
 * as an instruction for `SigningCosmWasmClient.executeMultiple` or
 * {@link toEncodeObject}.
 */
export function cw20Send(token: string, contract: string, amount: Amount, hook: HookMsg): ExecuteInstruction {
  const msg: Cw20SendMsg = { send: { contract, amount: toUint128(amount), msg: encodeHook(hook) } };
  return { contractAddress: token, msg };
}

/** Stakes `amount` of the staking token (for example vault shares: `token` is then the vault). */
export interface StakeArgs {
  /** The staking token: the vault's address when staking its shares. */
  token: string;
  /** The staking-rewards contract. */
  staking: string;
  amount: Amount;
}

/** Funds staking rewards in a cw20 reward asset registered on the staking contract. */
export interface FundRewardsArgs {
  /** The reward token. */
  token: string;
  /** The staking-rewards contract. */
  staking: string;
  amount: Amount;
  /** `{ instant: {} }` or `{ stream: { period_seconds } }`. */
  mode: FundMode;
}

/** Deposits `amount` of the vault's cw20 asset for shares. */
export interface DepositArgs {
  /** The vault's asset (a cw20). */
  token: string;
  /** The fund vault. */
  vault: string;
  amount: Amount;
  /** Who receives the shares; the sender when omitted. */
  recipient?: string;
  /** Fails unless at least this many shares are minted. */
  minShares?: Amount;
}

/** Adds `amount` of the vault's cw20 asset as income (no shares minted). */
export interface AddIncomeArgs {
  /** The vault's asset (a cw20). */
  token: string;
  /** The fund vault. */
  vault: string;
  amount: Amount;
}

/** Pays `amount` of the vault's cw20 asset as recovery income for a market. */
export interface RecoverArgs {
  /** The vault's asset (a cw20). */
  token: string;
  /** The loss socializer. */
  socializer: string;
  amount: Amount;
  /** The market the recovery is for. */
  marketId: string;
}

/** The cw20 `Send` of a stake: `{"stake":{}}` to the staking contract. */
export function stakeInstruction({ token, staking, amount }: StakeArgs): ExecuteInstruction {
  return cw20Send(token, staking, amount, { stake: {} });
}

/** The cw20 `Send` that funds rewards: `{"fund_rewards":{"mode":...}}` to the staking contract. */
export function fundRewardsInstruction({ token, staking, amount, mode }: FundRewardsArgs): ExecuteInstruction {
  return cw20Send(token, staking, amount, { fund_rewards: { mode } });
}

/** The cw20 `Send` of a deposit: `{"deposit":{...}}` to the vault. */
export function depositInstruction({ token, vault, amount, recipient, minShares }: DepositArgs): ExecuteInstruction {
  const deposit: { recipient?: string; min_shares?: string } = {};
  if (recipient !== undefined) deposit.recipient = recipient;
  if (minShares !== undefined) deposit.min_shares = toUint128(minShares);
  return cw20Send(token, vault, amount, { deposit });
}

/** The cw20 `Send` of income: `{"add_income":{}}` to the vault. */
export function addIncomeInstruction({ token, vault, amount }: AddIncomeArgs): ExecuteInstruction {
  return cw20Send(token, vault, amount, { add_income: {} });
}

/** The cw20 `Send` of a recovery: `{"recover":{"market_id":...}}` to the socializer. */
export function recoverInstruction({ token, socializer, amount, marketId }: RecoverArgs): ExecuteInstruction {
  return cw20Send(token, socializer, amount, { recover: { market_id: marketId } });
}

/** `instruction` as a `MsgExecuteContract` from `sender`, for `signAndBroadcast`. */
export function toEncodeObject(sender: string, instruction: ExecuteInstruction): MsgExecuteContractEncodeObject {
  return {
    typeUrl: "/cosmwasm.wasm.v1.MsgExecuteContract",
    value: MsgExecuteContract.fromPartial({
      sender,
      contract: instruction.contractAddress,
      msg: toUtf8(JSON.stringify(instruction.msg)),
      funds: [...(instruction.funds ?? [])],
    }),
  };
}

type Fee = StdFee | "auto" | number;

function run(from: Cw20HookClient, instruction: ExecuteInstruction, fee: Fee, memo?: string): Promise<ExecuteResult> {
  return from.client.execute(from.sender, instruction.contractAddress, instruction.msg, fee, memo);
}

/**
 * Sends the cw20 hooks from `sender`. Each method executes one cw20 `Send`
 * on the token; `fee` defaults to `"auto"` (the chain's simulation), or pass
 * {@link recommendedFee} of the matching operation.
 */
export class Cw20HookClient {
  constructor(
    readonly client: SigningCosmWasmClient,
    readonly sender: string,
  ) {}

  /** Stakes by a cw20 `Send` of the staking token (gas: `stakingStake`). */
  stake(args: StakeArgs, fee: Fee = "auto", memo?: string): Promise<ExecuteResult> {
    return run(this, stakeInstruction(args), fee, memo);
  }

  /** Funds rewards by a cw20 `Send` of a reward token (gas: `stakingFundRewardsCw20`). */
  fundRewards(args: FundRewardsArgs, fee: Fee = "auto", memo?: string): Promise<ExecuteResult> {
    return run(this, fundRewardsInstruction(args), fee, memo);
  }

  /** Deposits by a cw20 `Send` of the vault's asset (gas: `vaultDepositCw20`). */
  deposit(args: DepositArgs, fee: Fee = "auto", memo?: string): Promise<ExecuteResult> {
    return run(this, depositInstruction(args), fee, memo);
  }

  /** Adds income by a cw20 `Send` of the vault's asset (gas: `vaultAddIncomeCw20`). */
  addIncome(args: AddIncomeArgs, fee: Fee = "auto", memo?: string): Promise<ExecuteResult> {
    return run(this, addIncomeInstruction(args), fee, memo);
  }

  /** Pays a recovery by a cw20 `Send` of the vault's asset (not measured in docs/GAS.md). */
  recover(args: RecoverArgs, fee: Fee = "auto", memo?: string): Promise<ExecuteResult> {
    return run(this, recoverInstruction(args), fee, memo);
  }
}
