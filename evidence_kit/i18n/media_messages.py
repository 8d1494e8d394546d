"""Warnings of the image, e-mail and media importers (shown as "parse.<code>"). They concern the whole
file, so they name no line."""

WARNINGS = {
    "image_unreadable": {
        "ja": "この画像は壊れているか、読み取れない形式のため、大きさや撮影日時を読み取れませんでした。ファイルは受け取ったまま保存しています。",
        "en": "This image is damaged or in a format that cannot be read, so its size and capture time are unknown. The file is stored exactly as received.",
    },
    "image_no_capture_time": {
        "ja": "この画像には撮影日時の情報がなく、ファイル名からも日時が分かりませんでした。いつの画像かは、メモに書き添えてください。",
        "en": "This image holds no capture time, and its file name gives none either. Please add a note saying when it is from.",
    },
    "image_via_line": {
        "ja": "ファイル名（LINE_ で始まる名前）から、LINE から保存した画像と分かります。LINE は送るときに撮影日時などの情報を消すため、元の撮影日時はこの画像からは分かりません。名前の日時は、LINE から保存したときの日時の可能性があります。",
        "en": "The file name (starting with LINE_) shows this image was saved from LINE. LINE removes the capture time and other details when an image is sent, so the original capture time cannot be read from it. The time in the name may be when it was saved from LINE.",
    },
    "image_metadata_stripped": {
        "ja": "この JPEG 画像には撮影情報（Exif）がまったくありません。LINE などのアプリで送られたときや、編集・加工されたときに消されたとみられます。どのアプリで消されたかは、画像からは分かりません。",
        "en": "This JPEG image has no camera information (Exif) at all. It was probably removed when the image was sent through an app such as LINE, or when it was edited. Which app removed it cannot be told from the image.",
    },
    "image_edited": {
        "ja": "この画像は画像編集アプリで保存されています（Exif の Software 欄に編集アプリの名前があります）。切り抜き・加工・日時の変更がされていないか、スマートフォンにある元の画像と見比べてください。取り込んだファイルは受け取ったまま保存しています。",
        "en": "This image was saved by a photo editor (its Exif Software field names one). Please compare it with the original on the phone to check that nothing was cropped, retouched or re-dated. The imported file is stored exactly as received.",
    },
    "image_exif_time_invalid": {
        "ja": "画像の Exif にある日時がありえない値（例: 0000:00:00）のため、使っていません。書かれている値はそのまま記録しています。",
        "en": "The date in the image's Exif data is impossible (for example 0000:00:00), so it was not used. The value as written is recorded.",
    },
    "email_no_date": {
        "ja": "このメールには送信日時（Date）の行がありません。",
        "en": "This e-mail has no Date header.",
    },
    "email_bad_date": {
        "ja": "このメールの送信日時（Date）は読み取れない書き方のため、日時を付けていません。書かれている値はそのまま残しています。",
        "en": "The Date header of this e-mail cannot be read, so no date and time were given to it. The value as written is kept.",
    },
    "email_date_no_offset": {
        "ja": "このメールの送信日時（Date）には時差（+0900 など）が書かれていないため、設定した地域の時刻（通常は日本時間）とみなしました。",
        "en": "The Date header of this e-mail gives no UTC offset (such as +0900), so it was taken as local time in the assumed zone (normally Japan time).",
    },
    "email_charset_unknown": {
        "ja": "メールの一部の文字コードが分からないか、宣言と合わないため、読めない文字を「�」に置き換えて表示しています。元のメールはそのまま保存しています。",
        "en": "Part of this e-mail is in an unknown character set or does not match its declared one, so unreadable characters are shown as \"�\". The original e-mail is stored as it is.",
    },
    "media_unreadable": {
        "ja": "このファイルは壊れているか、途中で切れているため、長さやページ数を読み取れませんでした。ファイルは受け取ったまま保存しています。",
        "en": "This file is damaged or cut short, so its length or page count could not be read. The file is stored exactly as received.",
    },
}
