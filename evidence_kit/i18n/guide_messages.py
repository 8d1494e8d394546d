"""Texts of the offline guide (evidence_kit/gui/dialogs/guide.py, logic in evidence_kit/guide). Keys start with
"guide.". Written for someone who is frightened and not technical: short sentences, one thing at a time.
The facts come from the project's research notes on Japanese victim-support guidance; the wording is ours.

A text whose key ends in ".steps" or ".points" is a list: one item per line."""

ERRORS = {
    "guide_contacts": {
        "ja": "相談先の一覧（{path}）を読めませんでした（{reason}）。いま危ないときは 110 番、"
              "警察への相談は #9110 にかけてください。",
        "en": "The list of contacts ({path}) could not be read ({reason}). If you are in danger now, call 110; "
              "for police advice, call #9110.",
    },
}

TEXTS = {
    # the window
    "guide.title": {"ja": "ガイド", "en": "Guide"},
    "guide.pages_label": {"ja": "ページ(&P)", "en": "&Pages"},
    "guide.page.check": {"ja": "1. 急ぐ度合いのチェック", "en": "1. How urgent is it?"},
    "guide.page.actions": {"ja": "2. すぐにする5つのこと", "en": "2. Five things to do now"},
    "guide.page.export": {"ja": "3. やりとりの残し方", "en": "3. Saving chats and e-mail"},
    "guide.page.contacts": {"ja": "4. 相談先", "en": "4. Where to get help"},
    "guide.other_language": {"ja": "English(&E)", "en": "日本語(&J)"},
    "guide.close": {"ja": "閉じる(&C)", "en": "&Close"},
    "guide.disclaimer": {
        "ja": "この案内は一般的な情報です。法律の助言ではありません。インターネットにはつなぎません。",
        "en": "This guide is general information, not legal advice. It works without the internet.",
    },

    # page 1: the urgency self-check
    "guide.check.heading": {"ja": "急ぐ度合いのチェック", "en": "How urgent is it?"},
    "guide.check.intro": {
        "ja": "「はい」か「いいえ」で答えてください。急ぐことから順にたずねます。答えはどこにも保存しません。",
        "en": "Answer yes or no. The most urgent questions come first. Your answers are not saved anywhere.",
    },
    "guide.check.progress": {"ja": "質問 {n} / {total}", "en": "Question {n} of {total}"},
    "guide.check.yes": {"ja": "はい(&Y)", "en": "&Yes"},
    "guide.check.no": {"ja": "いいえ(&N)", "en": "&No"},
    "guide.check.back": {"ja": "前の質問へ(&B)", "en": "&Back"},
    "guide.check.restart": {"ja": "最初からやり直す(&R)", "en": "&Restart"},
    "guide.check.to_actions": {"ja": "すぐにする5つのことを見る(&A)", "en": "See the five &actions"},
    "guide.check.to_contacts": {"ja": "相談先をすべて見る(&L)", "en": "See a&ll contacts"},
    "guide.check.result": {"ja": "レベル {level}（5 段階）：{name}", "en": "Level {level} of 5: {name}"},
    "guide.check.now": {"ja": "いますること", "en": "Do this now"},
    "guide.check.then": {"ja": "そのあとで", "en": "Then"},
    "guide.check.within": {"ja": "目安：{within}", "en": "How soon: {within}"},
    "guide.check.call": {"ja": "連絡先", "en": "Who to call"},

    "guide.q.danger": {
        "ja": "脅されていますか。または、身の危険を感じていますか。",
        "en": "Have you been threatened, or do you feel you are in danger?",
    },
    "guide.q.danger.examples": {
        "ja": "たとえば：つきまとわれている。家や職場に行くと言われた。家族に何かすると言われた。",
        "en": "For example: you are being followed; they said they will come to your home or work; they hinted "
              "at harming your family.",
    },
    "guide.q.money_sent": {
        "ja": "もう、お金を送ってしまいましたか。",
        "en": "Have you already sent money?",
    },
    "guide.q.money_sent.examples": {
        "ja": "たとえば：振り込んだ。カードの番号を教えた。暗号資産を送った。身分証などの個人情報をたくさん渡した。",
        "en": "For example: a bank transfer; you gave your card number; you sent crypto; you gave a lot of "
              "personal information, such as ID documents.",
    },
    "guide.q.asked": {
        "ja": "お金や個人情報を求められていますか。",
        "en": "Are you being asked for money or personal information?",
    },
    "guide.q.asked.examples": {
        "ja": "たとえば：投資をすすめられている。お金を貸してと言われた。身分証の写真を送ってと言われた。",
        "en": "For example: you are pushed to invest; asked to lend money; asked to send a photo of your ID.",
    },
    "guide.q.doubts": {
        "ja": "相手の話に、つじつまの合わないところがありますか。",
        "en": "Does the other person's story not add up?",
    },
    "guide.q.doubts.examples": {
        "ja": "たとえば：プロフィールと話が合わない。会うのをいつも避ける。お金の話が出はじめた。",
        "en": "For example: their profile and their stories do not match; they always avoid meeting; money has "
              "started to come up.",
    },
    "guide.q.feels_off": {
        "ja": "なんとなく、おかしいと感じますか。",
        "en": "Does something feel wrong?",
    },
    "guide.q.feels_off.examples": {
        "ja": "たとえば：話がうますぎる。親しくなるのが早すぎる。",
        "en": "For example: it seems too good to be true; things are moving very fast.",
    },

    "guide.level.5.name": {"ja": "いますぐ身の安全を", "en": "Emergency: your safety first"},
    "guide.level.5.now": {
        "ja": "いますぐ 110 番に電話してください。できれば安全な場所に移ってください。",
        "en": "Call 110 now. If you can, go somewhere safe.",
    },
    "guide.level.5.then": {
        "ja": "安全になってから、「すぐにする5つのこと」を見てください。お金を送っていたら、銀行にも連絡します。",
        "en": "Once you are safe, look at the five actions. If you have sent money, contact your bank too.",
    },
    "guide.level.5.within": {"ja": "いますぐ", "en": "now"},
    "guide.level.4.name": {"ja": "お金の被害が出ています", "en": "Money has already been lost"},
    "guide.level.4.now": {
        "ja": "お金を送った銀行（カード会社、暗号資産の交換所）に電話してください。「詐欺かもしれない」と伝え、"
              "振込先の口座を止めてもらうようお願いします。これ以上お金を送らないでください。",
        "en": "Call the bank you sent the money from (or the card company, or the crypto exchange). Say it may "
              "be fraud and ask them to freeze the receiving account. Do not send any more money.",
    },
    "guide.level.4.then": {
        "ja": "警察にも相談します（#9110 か、近くの警察署）。「お金を取り戻せます」という有料の話は、二度目の詐欺です。",
        "en": "Tell the police too (#9110 or your local police station). An offer to get your money back for a "
              "fee is a second scam.",
    },
    "guide.level.4.within": {"ja": "24 時間以内", "en": "within 24 hours"},
    "guide.level.3.name": {"ja": "お金を取られる手前です", "en": "You could lose money soon"},
    "guide.level.3.now": {
        "ja": "お金は送らないでください。相手とのやりとりをやめます。ブロックする前に、やりとりを記録してください"
              "（このアプリに取り込めます）。",
        "en": "Do not send money. Stop talking with them. Before you block them, save the conversation (this "
              "app can keep it).",
    },
    "guide.level.3.then": {
        "ja": "証拠をまとめて、#9110（警察の相談）か 188（消費者ホットライン）に相談してください。",
        "en": "Put the evidence together and ask #9110 (police advice) or 188 (consumer hotline) for help.",
    },
    "guide.level.3.within": {"ja": "48 時間以内", "en": "within 48 hours"},
    "guide.level.2.name": {"ja": "疑わしいところがあります", "en": "Something is suspicious"},
    "guide.level.2.now": {
        "ja": "相手の話が本当か、確かめてください。お金の話には応じないでください。やりとりは消さずに残します。",
        "en": "Check whether what they say is true. Do not agree to anything about money. Keep the messages; "
              "do not delete them.",
    },
    "guide.level.2.then": {
        "ja": "188（消費者ホットライン）か #9110（警察の相談）に相談してください。",
        "en": "Ask 188 (consumer hotline) or #9110 (police advice) for advice.",
    },
    "guide.level.2.within": {"ja": "1 週間以内", "en": "within a week"},
    "guide.level.1.name": {"ja": "様子を見ましょう", "en": "Keep watching"},
    "guide.level.1.now": {
        "ja": "いま急ぐことはなさそうです。気になったことは、日付といっしょに書きとめておきましょう。",
        "en": "Nothing looks urgent now. Write down anything that worries you, with the date.",
    },
    "guide.level.1.then": {
        "ja": "お金の話が出たり、不安になったりしたら、もう一度このチェックをしてください。",
        "en": "If money comes up, or you feel uneasy, do this check again.",
    },
    "guide.level.1.within": {"ja": "これからも続けて", "en": "ongoing"},

    # page 2: the five immediate actions
    "guide.actions.heading": {"ja": "すぐにする5つのこと", "en": "Five things to do now"},
    "guide.actions.intro": {
        "ja": "お金を求められた、または送ってしまったときは、この順に進めてください。一度に全部できなくても"
              "大丈夫です。ひとつずつで構いません。",
        "en": "If you have been asked for money, or have sent some, go through these in order. You do not have "
              "to do everything at once. One step at a time is fine.",
    },
    "guide.action.cut_contact.title": {"ja": "相手との連絡を断つ", "en": "Cut contact"},
    "guide.action.cut_contact.points": {
        "ja": "先にやりとりを記録します。ブロックすると見られなくなることがあります。\n"
              "それから、LINE、WhatsApp、Facebook、Instagram、メール、電話など、すべての連絡手段でブロックします。\n"
              "言い返したり、説明したりしないでください。説得されたり、脅されたり、証拠を消されたりするきっかけになります。\n"
              "共通の知り合いにも知らせ、別のアカウントからの連絡に気をつけます。",
        "en": "Save the conversation first: after blocking you may no longer see it.\n"
              "Then block them everywhere: LINE, WhatsApp, Facebook, Instagram, e-mail, phone.\n"
              "Do not argue or explain. It gives them a chance to persuade you, threaten you, or delete evidence.\n"
              "Tell friends you share with them, and watch for contact from new accounts.",
    },
    "guide.action.passwords.title": {"ja": "パスワードを変える", "en": "Change your passwords"},
    "guide.action.passwords.points": {
        "ja": "大事なものから：メール、ネットバンキング、SNS、買い物サイト、そのほか。\n"
              "12 文字以上で、ほかでは使っていないものにします。\n"
              "二段階認証（ログインのときの確認コード）をオンにします。",
        "en": "Most important first: e-mail, online banking, social media, shopping sites, the rest.\n"
              "Use 12 characters or more, and a password you do not use anywhere else.\n"
              "Turn on two-step verification (a code when you log in).",
    },
    "guide.action.preserve.title": {"ja": "証拠を残す", "en": "Keep the evidence"},
    "guide.action.preserve.points": {
        "ja": "メッセージ：トーク履歴を書き出し、画面も保存します（次のページ）。\n"
              "相手のプロフィール：画面を録画するか、保存します。\n"
              "写真や動画：ダウンロードして保存します。\n"
              "通話：録音と通話の履歴を残します。\n"
              "お金：明細、振込の控え、ATM の利用明細。紙のものは原本をとっておきます。\n"
              "つきまといは、いつ・どこで・何があったかを、そのたびに書きとめます。「もう連絡しないで」と断ったメッセージは大切な証拠です。\n"
              "コピーは 2 か所に保管します（たとえば、このアプリのケースと、別の USB メモリ）。",
        "en": "Messages: export the chat history and take screenshots too (next page).\n"
              "Their profile: record or capture the screen.\n"
              "Photos and videos: download and keep them.\n"
              "Calls: keep recordings and the call history.\n"
              "Money: statements, transfer receipts, ATM slips. Keep paper originals.\n"
              "Stalking: each time, write down when, where and what happened. A message in which you told them "
              "to stop contacting you is important evidence.\n"
              "Keep copies in two places (for example this app's case and a separate USB stick).",
    },
    "guide.action.banks.title": {"ja": "銀行に連絡する", "en": "Contact your banks"},
    "guide.action.banks.points": {
        "ja": "「詐欺かもしれない」と伝えます。\n"
              "振込の日付、金額、振込先の口座、振り込むことになったいきさつを話します。\n"
              "お願いすること：振込先の口座を止めること（凍結）、組戻し（振込の取り消し）、これ以上の振込の制限、被害の証明書。\n"
              "組戻しは相手の同意が要るので、うまくいかないこともあります。凍結のお願いは早いほど役に立ちます。\n"
              "カードは止めて、使われていないか確かめます。暗号資産は交換所に連絡し、取引 ID を控えます。\n"
              "「取り戻せます」と費用を求める話は、二度目の詐欺です。",
        "en": "Say it may be fraud.\n"
              "Give the date, the amount, the receiving account, and how the transfer came about.\n"
              "Ask for: the receiving account to be frozen, a recall of the transfer (組戻し), limits on further "
              "transfers, and a certificate of the damage.\n"
              "A recall needs the receiver's consent, so it often fails. A freeze request helps most when made early.\n"
              "Stop your card and check how it was used. For crypto, contact the exchange and note the "
              "transaction IDs.\n"
              "Anyone who offers to get your money back for a fee is running a second scam.",
    },
    "guide.action.tell_someone.title": {"ja": "信頼できる人に話す", "en": "Tell someone you trust"},
    "guide.action.tell_someone.points": {
        "ja": "家族、友人、相談員など、信頼できる人に話してください。\n"
              "ひとりで抱えこまないでください。話すと、落ち着いて考えやすくなります。",
        "en": "Talk to someone you trust: family, a friend, a counsellor.\n"
              "You do not have to carry this alone. Talking helps you think calmly.",
    },
    "guide.police.title": {"ja": "警察に相談に行くとき", "en": "When you go to the police"},
    "guide.police.points": {
        "ja": "行く前に電話をして、担当の方の名前を聞いておきます。2〜3 時間かかることがあります。\n"
              "持っていくもの：身分証、印鑑、被害のまとめ（自分で書いたもので大丈夫です）、証拠（このアプリの PDF）、振込の控え、相手についてわかっていること。\n"
              "行き先：住んでいる所の警察署（生活安全課）、または被害にあった場所の警察署。\n"
              "受け付けてもらえなかったときは、都道府県警察の本部や #9110 に相談するか、弁護士といっしょに行きます。",
        "en": "Call before you go and ask for the officer's name. It can take 2–3 hours.\n"
              "Bring: ID, your seal (印鑑), a written account of what happened (your own words are fine), the "
              "evidence (this app's PDF), transfer receipts, what you know about the other person.\n"
              "Where: the police station where you live (生活安全課), or where the damage happened.\n"
              "If they do not accept it: ask the prefectural police headquarters or #9110, or go back with a lawyer.",
    },

    # page 3: exporting chats and e-mail
    "guide.export.heading": {"ja": "やりとりの残し方", "en": "Saving chats and e-mail"},
    "guide.export.intro": {
        "ja": "やりとりは、元の形のまま残すことが大切です。書き出したファイルは開いて直したりせず、そのままこのアプリに"
              "取り込んでください。スマートフォンのメニューの名前は、アプリの版によって少し違うことがあります。",
        "en": "Keep the conversation in its original form. Do not open and edit the exported file: bring it into "
              "this app as it is. Menu names can differ a little between app versions.",
    },
    "guide.export.line.title": {"ja": "LINE", "en": "LINE"},
    "guide.export.line.steps": {
        "ja": "相手とのトークを開きます。\n"
              "右上の「≡」（メニュー）から「設定」を開き、「トーク履歴を送信」を選びます（iPhone も Android も同じです）。\n"
              "送り先を選んで、テキストファイル（.txt）を保存します（たとえば「ファイルに保存」や、自分あてのメール）。\n"
              "そのファイルを、このアプリに取り込みます。",
        "en": "Open the chat with the person.\n"
              "Tap ≡ (menu) at the top right, open Settings, and choose \"Export chat history\" "
              "(トーク履歴を送信; the same on iPhone and Android).\n"
              "Choose where to send it and keep the text file (.txt), for example \"Save to Files\" or an e-mail "
              "to yourself.\n"
              "Bring that file into this app.",
    },
    "guide.export.line.points": {
        "ja": "写真、動画、スタンプの画像は、このファイルに入りません。大事な写真や動画は、ひとつずつ保存してください。\n"
              "書き出されるのは、スマートフォンに残っている分だけです。\n"
              "相手が取り消したメッセージは「メッセージの送信を取り消しました」という知らせしか残りません。見えているうちに画面を保存してください。\n"
              "画面の保存（スクリーンショット）も、あわせて残してください。\n"
              "パソコン版の LINE では「トークを保存」でも保存できます。",
        "en": "Photos, videos and stickers are not in this file. Save important photos and videos one by one.\n"
              "Only what is still on the phone is exported.\n"
              "A message the other person unsent appears only as a notice. Take screenshots while you can still see it.\n"
              "Take screenshots as well.\n"
              "LINE on a computer can also save a chat (\"Save chat\", トークを保存).",
    },
    "guide.export.whatsapp.title": {"ja": "WhatsApp", "en": "WhatsApp"},
    "guide.export.whatsapp.steps": {
        "ja": "相手とのチャットを開きます。\n"
              "iPhone では、上の相手の名前をタップして「チャットをエクスポート」を選びます。Android では、右上の「⋮」から「その他」、「チャットをエクスポート」を選びます。\n"
              "写真や動画もいっしょに残すため、「メディアを添付」（「メディアを含める」）を選びます。\n"
              "できたファイル（zip、または .txt と写真など）を保存し、そのままこのアプリに取り込みます。",
        "en": "Open the chat with the person.\n"
              "On an iPhone, tap the person's name at the top and choose \"Export Chat\". On Android, tap ⋮ at the "
              "top right, then \"More\", then \"Export chat\".\n"
              "Choose to attach or include media, so photos and videos are kept too.\n"
              "Save what it makes (a zip, or a .txt with the media files) and bring it into this app as it is.",
    },
    "guide.export.whatsapp.points": {
        "ja": "zip ファイルは解凍しなくても取り込めます。\n"
              "日付が「日/月」か「月/日」かわからないときは、このアプリがたずねます。",
        "en": "You do not need to unzip the zip file.\n"
              "If the dates could be day/month or month/day, this app will ask you which.",
    },
    "guide.export.email.title": {"ja": "メール", "en": "E-mail"},
    "guide.export.email.steps": {
        "ja": "元のメールを、ファイル（.eml）として保存します。\n"
              "Gmail（パソコンのブラウザ）：メールを開き、右上の「⋮」から「メッセージをダウンロード」を選びます。\n"
              "Thunderbird：メールを選び、「ファイル」、「名前を付けて保存」、「ファイル」の順に選びます。\n"
              "ほかのメールソフトでは、「名前を付けて保存」や「ダウンロード」を探し、.eml の形を選びます。",
        "en": "Save the original message as a file (.eml).\n"
              "Gmail (in a browser on a computer): open the message, click ⋮ at the top right, choose "
              "\"Download message\".\n"
              "Thunderbird: select the message, then File, Save As, File.\n"
              "Other mail programs: look for \"Save as\" or \"Download\" and choose the .eml format.",
    },
    "guide.export.email.points": {
        "ja": "転送はしないでください。転送すると、送った人や経路の情報（ヘッダー）が元のとおりに残りません。\n"
              "元のメールは消さずに残しておきます。\n"
              ".eml で保存できないときは、画面を保存し、印刷（PDF）でも残してください。",
        "en": "Do not forward it: a forwarded message loses the original sender and route details (the headers).\n"
              "Keep the original message; do not delete it.\n"
              "If you cannot save it as .eml, take screenshots and also print it to PDF.",
    },
    "guide.export.screenshots.title": {"ja": "画面の保存（スクリーンショット）", "en": "Screenshots"},
    "guide.export.screenshots.steps": {
        "ja": "iPhone：サイドボタンと音量を上げるボタンを同時に押します。\n"
              "Android：電源ボタンと音量を下げるボタンを同時に押します。",
        "en": "iPhone: press the side button and the volume-up button together.\n"
              "Android: press the power button and the volume-down button together.",
    },
    "guide.export.screenshots.points": {
        "ja": "日付と時刻が見えるようにします。\n"
              "会話は、とばさずに順番に撮ります。\n"
              "相手のプロフィールの画面も撮ります。\n"
              "ウェブのページは、アドレス（URL）が見えるようにします。パソコンで印刷や PDF 保存をすると、URL と日時が入ります。\n"
              "撮った画像は、切り取ったり加工したりせず、そのまま取り込みます。",
        "en": "Make the date and time visible.\n"
              "Capture the conversation in order, without gaps.\n"
              "Capture the other person's profile too.\n"
              "For web pages, make the address (URL) visible. Printing or saving as PDF on a computer adds the "
              "URL and the date and time.\n"
              "Do not crop or edit the pictures; bring them in as they are.",
    },

    # page 4: contacts
    "guide.contacts.heading": {"ja": "相談先", "en": "Where to get help"},
    "guide.contacts.intro": {
        "ja": "いま危ないときは、すぐに 110 番へ。\n"
              "番号と受付時間は、それぞれの下にある出典で確かめた日のものです。変わることがあります。つながらないときは、"
              "出典のページで確かめてください。",
        "en": "If you are in danger now, call 110.\n"
              "The numbers and hours are as found in the sources shown under each entry, on the date shown. They "
              "can change. If a number does not work, check the source page.",
    },
    "guide.group.police": {"ja": "警察", "en": "Police"},
    "guide.group.money": {"ja": "お金・銀行", "en": "Money and banks"},
    "guide.group.legal": {"ja": "法律の相談", "en": "Legal help"},
    "guide.group.safety": {"ja": "つきまとい・DV・人権", "en": "Stalking, domestic violence, human rights"},
    "guide.contacts.phone": {"ja": "電話 {number}", "en": "Phone {number}"},
    "guide.contacts.web": {"ja": "ウェブ {number}", "en": "Web {number}"},
    "guide.contacts.hours": {"ja": "受付：{hours}", "en": "Hours: {hours}"},
    "guide.contacts.source": {"ja": "出典：{sources}（{date} に確認）", "en": "Source: {sources} (checked {date})"},
}
