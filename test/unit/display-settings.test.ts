import { afterEach, describe, expect, it } from "vitest";
import { settingsForDisplay } from "../../src/settings.js";
import { SettingsError, UserError } from "../../src/errors.js";
import { defaults } from "../../src/settings.js";
import { makeDeps, type FakeDeps } from "../helpers/fake-deps.js";

let f: FakeDeps;
afterEach(() => f.cleanup());

describe("settingsForDisplay", () => {
  it("gives the settings as they are, quietly, when the file is fine", async () => {
    f = makeDeps({ settings: { transition: 12 } });
    expect(await settingsForDisplay(f.deps)).toEqual({ ...defaults(), transition: 12 });
    expect(f.err()).toBe("");
  });

  it("falls back to the defaults with one warning naming the file when the settings cannot be used", async () => {
    f = makeDeps();
    const message = "the settings file /home/x/config.json cannot be used: it is not valid JSON. Fix it by hand, or run `soothe config reset` to go back to the defaults.";
    f.deps.loadSettings = async () => {
      throw new SettingsError(message, "/home/x/config.json");
    };
    expect(await settingsForDisplay(f.deps)).toEqual(defaults());
    expect(f.err()).toBe(`soothe: warning: times are shown with the default settings, because ${message}\n`);
  });

  it("lets any other failure through", async () => {
    f = makeDeps();
    f.deps.loadSettings = async () => {
      throw new UserError("something else");
    };
    await expect(settingsForDisplay(f.deps)).rejects.toThrow("something else");
    expect(f.err()).toBe("");
  });
});
