package cli

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/selfdiag/selfdiag/internal/model"
	"github.com/selfdiag/selfdiag/internal/modelsheet"
	"github.com/selfdiag/selfdiag/internal/web"
)

func newServeCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Открыть selfdiag в браузере: самодиагностика без командной строки",
		Long: `Запускает страницу selfdiag на этом компьютере (адрес 127.0.0.1, только для него)
и открывает её в браузере. Первая строка вывода — адрес страницы с ключом доступа.

На странице: новая самодиагностика (перетащить папку с ответами), результаты района
и школ, скачивание справки, сводки и отчётов, сравнение самодиагностик, шаблоны и
модель. Файлы никуда не отправляются: расчёты хранятся в папке --data так же, как их
пишет batch --out (их читает и selfdiag compare).

Двойной щелчок по selfdiag.exe запускает эту же страницу. Остановить: Ctrl+C или
закрыть окно программы.`,
		Example: `  selfdiag serve
  selfdiag serve --data D:\самодиагностика --port 8080 --no-browser`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runServe(a.v.GetString("data"), a.v.GetInt("port"), !a.v.GetBool("no-browser"))
		},
	}
	cmd.Flags().String("data", "", "папка для расчётов (по умолчанию — selfdiag в «Документах»)")
	cmd.Flags().Int("port", 0, "порт (по умолчанию — любой свободный)")
	cmd.Flags().Bool("no-browser", false, "не открывать браузер, только напечатать адрес")
	return cmd
}

func (a *app) runServe(data string, port int, browser bool) error {
	if port < 0 || port > 65535 {
		return usagef("--port %d: допустимо от 0 (любой свободный) до 65535", port)
	}
	if data == "" {
		data = web.DefaultData()
	}
	defaultModel := a.model
	// The page speaks the run's language: --lang when it is given, else
	// the model's (a model that does not load is the page's to tell).
	if _, set := commandLineLangSet(a.cmd); !set {
		a.loadModel(defaultModel)
	}
	l := a.spoken()
	s, err := web.New(web.Options{Data: data, Lang: l, LoadModel: func(path string) (*model.Model, error) {
		if path == "" {
			path = defaultModel
		}
		return modelsheet.Open(path) // not the run's language: pages load models while serving
	}})
	if err != nil {
		return failed(err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err = web.Serve(ctx, s, web.ServeOptions{Port: port, Browser: browser, Ready: func(url string) {
		fmt.Fprintln(a.out, url)
		fmt.Fprintln(a.err, l.T("selfdiag: страница открыта по адресу выше; расчёты хранятся в %s. Остановить: Ctrl+C или закрыть это окно.", printable(data)))
	}})
	if err != nil {
		return failed(err)
	}
	return nil
}
