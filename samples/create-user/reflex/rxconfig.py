import reflex as rx

config = rx.Config(app_name="sample", telemetry_enabled=False)
