"""All Qt code: windows, views, models, dialogs and the operation runner."""
