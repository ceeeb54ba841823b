// A chain for the end-to-end test: @oraichain/cw-simulate runs the real
// artifacts (artifacts/*.wasm and the cw20-base peer) in a CosmWasm VM in
// process. cw-simulate's client is a cosmjs SigningCosmWasmClient, so the
// package's generated clients drive it unchanged; what it lacks is
// `signAndBroadcast`, which the message composers and the response-data
// decoders need (execute response data reaches a client only in a tx's
// `msgResponses`). SimulatedChain adds it.

import fs from "node:fs";
import path from "node:path";

import type { EncodeObject } from "@cosmjs/proto-signing";
import type { StdFee } from "@cosmjs/amino";
import { sha256 } from "@cosmjs/crypto";
import { fromBase64, fromUtf8, toBech32, toUtf8 } from "@cosmjs/encoding";
import type { DeliverTxResponse, Event } from "@cosmjs/stargate";
import { SimulateCosmWasmClient } from "@oraichain/cw-simulate";
import { MsgExecuteContract, MsgExecuteContractResponse } from "cosmjs-types/cosmwasm/wasm/v1/tx";

export const ROOT = path.resolve(__dirname, "../../../../..");
export const PREFIX = "inj";
/** The block time the chain starts at (seconds): fixed, so every release time is too. */
export const START_TIME = 2_000_000_000;

/** A 20-byte account address made from `name`, as cosmwasm's `addr_make` does. */
export function addr(name: string): string {
  return toBech32(PREFIX, sha256(toUtf8(name)).slice(0, 20));
}

/** The bytes of `artifacts/<name>.wasm`; a missing artifact fails the test. */
export function artifact(name: string): Uint8Array {
  const file = path.join(ROOT, "artifacts", `${name}.wasm`);
  if (!fs.existsSync(file)) {
    throw new Error(`${path.relative(ROOT, file)} is missing: run scripts/build-artifacts.sh and scripts/build-peers.sh`);
  }
  return fs.readFileSync(file);
}

export class SimulatedChain extends SimulateCosmWasmClient {
  constructor() {
    super({ chainId: "backstop-e2e", bech32Prefix: PREFIX });
    // cw-simulate moves block time to the wall clock unless it is ahead
    this.app.time = START_TIME * 1e9;
  }

  /** Block time in seconds. */
  now(): number {
    return Math.round(this.app.time / 1e9);
  }

  /** Moves block time `seconds` forward. */
  advance(seconds: number): void {
    this.app.time = this.app.time + seconds * 1e9;
    this.app.height = this.app.height + 1;
  }

  /**
   * cw-simulate rolls its store back when an execution fails, but not the
   * storage its cached VM instances hold: the failed execution's writes
   * (such as a cw20 Send's debit before the hook refused it) would be
   * written back by the next execution of that contract. This reloads
   * every instance's storage from the store, as rolled back.
   */
  private forgetVmState(): void {
    type Instance = { getStorage(): unknown; _vm?: { backend: { storage: unknown } } };
    const wasm = this.app.wasm as unknown as { contracts: { [address: string]: Instance } };
    const Storage = this.app.kvIterStorageRegistry as unknown as new (data: unknown) => unknown;
    for (const contract of Object.values(wasm.contracts)) {
      if (contract._vm) contract._vm.backend = { ...contract._vm.backend, storage: new Storage(contract.getStorage()) };
    }
  }

  override async executeMultiple(...args: Parameters<SimulateCosmWasmClient["executeMultiple"]>) {
    try {
      return await super.executeMultiple(...args);
    } catch (e) {
      this.forgetVmState();
      throw e;
    }
  }

  /**
   * Runs each `MsgExecuteContract` in order and answers as a chain does: a
   * failed message gives code 1 and its error in `rawLog`, a successful tx
   * the events and one `MsgExecuteContractResponse` per message. Unlike a
   * chain, cw-simulate keeps the effects of the messages before a failed
   * one: the test sends a failing message alone.
   */
  override async signAndBroadcast(
    signer: string,
    messages: readonly EncodeObject[],
    _fee: StdFee | "auto" | number,
    _memo?: string,
  ): Promise<DeliverTxResponse> {
    const events: Event[] = [];
    const msgResponses: { typeUrl: string; value: Uint8Array }[] = [];
    const answer = (code: number, rawLog?: string): DeliverTxResponse => ({
      height: this.app.height,
      txIndex: 0,
      code,
      transactionHash: "",
      events,
      rawLog,
      msgResponses,
      gasUsed: 0n,
      gasWanted: 0n,
    });
    for (const m of messages) {
      if (m.typeUrl !== "/cosmwasm.wasm.v1.MsgExecuteContract") throw new Error(`the simulator runs MsgExecuteContract only, not ${m.typeUrl}`);
      const value = m.value as MsgExecuteContract;
      if (value.sender !== signer) throw new Error(`message sender ${value.sender} is not the signer ${signer}`);
      const res = await this.app.wasm.executeContract(signer, [...value.funds], value.contract, JSON.parse(fromUtf8(value.msg)));
      if (res.err) {
        this.forgetVmState();
        return answer(1, String(res.val));
      }
      const { events: emitted, data } = res.val as { events: Event[]; data: string | null };
      events.push(...emitted);
      msgResponses.push({
        typeUrl: "/cosmwasm.wasm.v1.MsgExecuteContractResponse",
        value: MsgExecuteContractResponse.encode({ data: data ? fromBase64(data) : new Uint8Array() }).finish(),
      });
    }
    return answer(0);
  }
}
