from masonite.environment import env

DRIVERS = {
    "slack": {"token": env("SLACK_TOKEN", ""), "webhook": env("SLACK_WEBHOOK", "")},
    "vonage": {
        "key": env("VONAGE_KEY", ""),
        "secret": env("VONAGE_SECRET", ""),
        "sms_from": env("VONAGE_SMS_FROM", "+33000000000"),
    },
    "database": {"connection": "sqlite", "table": "notifications"},
}
DRY = False
