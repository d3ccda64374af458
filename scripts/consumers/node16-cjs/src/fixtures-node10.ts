// Type-checked only, under moduleResolution node10, which ignores `exports`: the subpath resolves through
// the package's fixtures/package.json.
import { FixtureByEventName } from '@blinger-webhooks/core/fixtures'

export const sample: string = FixtureByEventName['user.new'].webhook
