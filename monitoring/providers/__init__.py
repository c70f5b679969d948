"""Social-media metrics providers (issue 10): one module per platform behind one
interface (`base.Provider`), found through `registry.provider_for(platform)`."""
